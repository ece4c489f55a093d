package dev.tollgate.filters.authn.apikey;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tollgate.apikeys.ApiKeyBackend;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.apikeys.lifecycle.IssuedKey;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.report.MigrationReportBuilder;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.LocalKeyChangeBus;
import dev.tollgate.apikeys.store.RedisKeyChangeBus;
import dev.tollgate.filters.authn.ApiKeyAuthenticator;
import dev.tollgate.filters.authn.AuthenticationListener;
import dev.tollgate.filters.config.InvalidConfigurationException;
import dev.tollgate.filters.autoconfigure.TollgateFiltersAutoConfiguration;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.filters.autoconfigure.ApiKeyAutoConfiguration;

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
	void contextWhenRedisUrlThenRedisStoreSharedClientAndSubscribedBus() {
		this.runner.withPropertyValues("tollgate.redis.url=" + RedisHarness.shared().uri(),
				"tollgate.api-keys.redis-prefix=t-" + UUID.randomUUID())
			.run(context -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisConnector.class);
				ApiKeyBackend backend = context.getBean(ApiKeyBackend.class);
				assertThat(backend.bus()).isInstanceOf(RedisKeyChangeBus.class);
				((RedisKeyChangeBus) backend.bus()).subscribed().toCompletableFuture().get(10, TimeUnit.SECONDS);
				IssuedKey issued = context.getBean(ApiKeyLifecycle.class)
					.issue(IssueRequest.forClient("agent-a")).toCompletableFuture().get(10, TimeUnit.SECONDS);
				assertThat(context.getBean(ApiKeyStore.class).findByHash(KeyHash.of(issued.key()))
					.toCompletableFuture().get(10, TimeUnit.SECONDS)).isPresent();
			});
	}

	@Test
	void contextWhenRedisUrlButMemoryStoreChosenThenInMemory() {
		this.runner.withPropertyValues("tollgate.redis.url=" + RedisHarness.shared().uri(),
				"tollgate.api-keys.store=memory")
			.run(context -> assertThat(context.getBean(ApiKeyBackend.class).bus())
				.isInstanceOf(LocalKeyChangeBus.class));
	}

	@Test
	void contextWhenInvalidPropertyThenStartupFailsNamingIt() {
		this.runner.withPropertyValues("tollgate.api-keys.brownout-windows=sometimes").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("tollgate.api-keys.brownout-windows: ");
		});
	}

	@Test
	void contextWhenRedisStoreWithoutUrlThenStartupFails() {
		this.runner.withPropertyValues("tollgate.api-keys.store=redis").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("tollgate.api-keys.store: redis needs tollgate.redis.url");
		});
	}

}
