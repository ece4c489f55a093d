package dev.tollgate.filters.authn.apikey;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tollgate.apikeys.ApiKeyBackend;
import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.report.MigrationReportBuilder;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.LocalKeyChangeBus;
import dev.tollgate.filters.authn.ApiKeyAuthenticator;
import dev.tollgate.filters.authn.AuthenticationListener;
import dev.tollgate.filters.config.TollgateFiltersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TollgateFiltersAutoConfiguration.class, ApiKeyAutoConfiguration.class));

	@Test
	void contextWhenNoRedisUrlThenInMemoryStoreAndEveryPart() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ApiKeyBackend.class).bus()).isInstanceOf(LocalKeyChangeBus.class);
			assertThat(context).hasSingleBean(ApiKeyStore.class)
				.hasSingleBean(ApiKeyAuthenticator.class)
				.hasSingleBean(ApiKeyLifecycle.class)
				.hasSingleBean(RoutePhasePolicies.class)
				.hasSingleBean(MigrationReportBuilder.class)
				.hasSingleBean(AuthenticationListener.class);
		});
	}

	@Test
	void contextWhenInvalidPropertyThenStartupFailsNamingIt() {
		this.runner.withPropertyValues("tollgate.api-keys.brownout-windows=sometimes").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("tollgate.api-keys.brownout-windows");
		});
	}

	@Test
	void contextWhenRedisStoreWithoutUrlThenStartupFails() {
		this.runner.withPropertyValues("tollgate.api-keys.store=redis").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("tollgate.redis.url");
		});
	}

}
