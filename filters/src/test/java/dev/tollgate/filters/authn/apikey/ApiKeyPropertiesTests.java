package dev.tollgate.filters.authn.apikey;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.config.ConfigurationProblems;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyPropertiesTests {

	@Test
	void validateWhenDefaultsThenValid() {
		ConfigurationProblems problems = new ConfigurationProblems();
		new ApiKeyProperties().validate(problems);
		assertThat(problems.list()).isEmpty();
	}

	@Test
	void validateWhenBadValuesThenMessageNamesTheProperty() {
		expect(p -> p.setHeader("X API Key"), "tollgate.api-keys.header");
		expect(p -> p.setMigrationGuide("docs/move"), "tollgate.api-keys.migration-guide");
		expect(p -> p.setMigrationGuide("https://x.example/a>b"), "tollgate.api-keys.migration-guide");
		expect(p -> p.setStore("postgres"), "tollgate.api-keys.store");
		expect(p -> p.setLookupTimeout(Duration.ZERO), "tollgate.api-keys.lookup-timeout");
		expect(p -> p.setCacheTtl(Duration.ofSeconds(-1)), "tollgate.api-keys.cache-ttl");
		expect(p -> p.setBrownoutWindows(List.of("every friday")), "tollgate.api-keys.brownout-windows");
		expect(p -> p.setRedisPrefix("a b"), "tollgate.api-keys.redis-prefix");
		expect(p -> p.setReportDays(0), "tollgate.api-keys.report-days");
	}

	private static void expect(java.util.function.Consumer<ApiKeyProperties> change, String property) {
		ApiKeyProperties properties = new ApiKeyProperties();
		change.accept(properties);
		ConfigurationProblems problems = new ConfigurationProblems();
		properties.validate(problems);
		assertThat(problems.list()).singleElement().asString().startsWith(property + ":");
	}

}
