package dev.tollgate.filters.authn.apikey;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.config.ConfigurationProblems;
import dev.tollgate.testkit.TestSettings;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyPropertiesTests {

	@Test
	void validateWhenDefaultsThenValid() {
		ConfigurationProblems problems = new ConfigurationProblems();
		TestSettings.under("tollgate.api-keys").bind(ApiKeyProperties.class).validate(problems);
		assertThat(problems.list()).isEmpty();
	}

	@Test
	void validateWhenBadValuesThenMessageNamesTheProperty() {
		expect("header", "X API Key");
		expect("migration-guide", "docs/move");
		expect("migration-guide", "https://x.example/a>b");
		expect("store", "postgres");
		expect("lookup-timeout", Duration.ZERO);
		expect("cache-ttl", Duration.ofSeconds(-1));
		expect("brownout-windows", List.of("every friday"));
		expect("redis-prefix", "a b");
		expect("report-days", 0);
	}

	private static void expect(String setting, Object value) {
		ApiKeyProperties properties = TestSettings.under("tollgate.api-keys")
			.set(setting, value)
			.bind(ApiKeyProperties.class);
		ConfigurationProblems problems = new ConfigurationProblems();
		properties.validate(problems);
		assertThat(problems.list()).singleElement().asString().startsWith("tollgate.api-keys." + setting + ":");
	}

}
