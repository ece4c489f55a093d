package dev.tollgate.filters.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisStatus;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestTls;
import dev.tollgate.filters.autoconfigure.TollgateFiltersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Redis serving TLS only, with an ACL user and the default user switched off: the gateway connects with
 * {@code rediss://}, the user and password given apart from the URL (as from a Secret), and trust from a Spring
 * Boot SSL bundle.
 */
class RedisTlsAclTests {

	private static TestTls tls;

	private static RedisHarness redis;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TollgateFiltersAutoConfiguration.class));

	@BeforeAll
	static void start() {
		tls = TestTls.selfSigned();
		redis = RedisHarness.dedicated(port -> {
			List<String> args = new ArrayList<>(tls.redisServerArgs(port));
			args.addAll(List.of("--user", "default", "off", "--user", "gateway", "on", ">s3cret-pass", "~*", "&*",
					"+@all"));
			return args;
		});
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	private ApplicationContextRunner gateway(String... more) {
		List<String> properties = new ArrayList<>(List.of("tollgate.gateway.public-base-url=https://gw.test",
				"tollgate.redis.url=rediss://127.0.0.1:" + redis.port(), "tollgate.redis.username=gateway",
				"tollgate.redis.password=s3cret-pass", "tollgate.redis.ssl-bundle=redis",
				"spring.ssl.bundle.jks.redis.truststore.location=file:" + tls.trustStore(),
				"spring.ssl.bundle.jks.redis.truststore.password=" + tls.trustStorePassword(),
				"spring.ssl.bundle.jks.redis.truststore.type=PKCS12"));
		properties.addAll(List.of(more));
		return this.runner.withPropertyValues(properties.toArray(String[]::new));
	}

	@Test
	void redisWhenTlsAndAclUserFromPropertiesThenCommandsWork() {
		gateway().run(context -> {
			RedisConnector connector = context.getBean(RedisConnector.class);
			StatefulConnection<String, String> open = connector.commands("test", StringCodec.UTF8).firstOpened()
				.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
			var commands = RedisConnector.async(open);
			assertThat(commands.set("tls-acl", "ok").toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("OK");
			assertThat(commands.aclWhoami().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("gateway");
			connector.status().reaching(RedisStatus.State.UP).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS)
				.join();
		});
	}

	@Test
	void redisWhenWrongPasswordThenNeverUpAndTheErrorDoesNotShowIt() {
		gateway("tollgate.redis.password=wrong-pass-123").run(context -> {
			RedisConnector connector = context.getBean(RedisConnector.class);
			connector.commands("test", StringCodec.UTF8);
			RedisStatus.Snapshot down = connector.status().reaching(RedisStatus.State.DOWN).toCompletableFuture()
				.orTimeout(20, TimeUnit.SECONDS).join();
			assertThat(down.lastError()).doesNotContain("wrong-pass-123").doesNotContain("s3cret-pass");
		});
	}

	@Test
	void startupWhenSslBundleUnknownThenFailsNamingTheProperty() {
		gateway("tollgate.redis.ssl-bundle=nope").run(context -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("tollgate.redis.ssl-bundle")
			.hasMessageContaining("nope"));
	}

}
