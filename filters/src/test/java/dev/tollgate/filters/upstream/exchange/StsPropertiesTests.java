package dev.tollgate.filters.upstream.exchange;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tollgate.filters.upstream.TokenExchanger;
import dev.tollgate.filters.autoconfigure.TokenExchangeAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class StsPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenExchangeAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void autoConfigurationWhenNoProfilesThenNoExchanger() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TokenExchanger.class));
	}

	@Test
	void bindWhenOperatorContractShapeThenProfileWithDefaults() {
		this.runner.withPropertyValues("tollgate.sts.corp.token-uri=https://idp.example.com/oauth2/token",
				"tollgate.sts.corp.client-id=gateway", "tollgate.sts.corp.client-secret=s3cret",
				"tollgate.sts.corp.client-auth=client_secret_post", "tollgate.sts.corp.retry-on-upstream-401=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DefaultTokenExchanger.class);
				StsProperties.Sts corp = context.getBean(StsProperties.class).sts().get("corp");
				assertThat(corp.clientAuth()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_POST);
				assertThat(corp.retryOnUpstream401()).isFalse();
				assertThat(corp.timeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(corp.refreshMargin()).isEqualTo(Duration.ofSeconds(30));
				assertThat(corp.negativeCacheTtl()).isEqualTo(Duration.ofSeconds(5));
				assertThat(corp.actorToken()).isEqualTo(ActorTokenMode.NONE);
				DefaultTokenExchanger exchanger = context.getBean(DefaultTokenExchanger.class);
				assertThat(exchanger.profileNames()).containsExactly("corp");
				assertThat(exchanger.retryOnUpstreamUnauthorized("corp")).isFalse();
			});
	}

	@Test
	void bindWhenTokenUriMissingThenStartupFailsNamingIt() {
		assertStartupFails("tollgate.sts.corp.token-uri: is required", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-secret=s");
	}

	@Test
	void bindWhenTokenUriIsRelativeOrCarriesUserInfoThenStartupFails() {
		assertStartupFails("tollgate.sts.corp.token-uri: must be an absolute http(s) URI",
				"tollgate.sts.corp.token-uri=/oauth2/token", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-secret=s");
		assertStartupFails("tollgate.sts.corp.token-uri: must be an absolute http(s) URI",
				"tollgate.sts.corp.token-uri=https://u:p@idp.example.com/token", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-secret=s");
	}

	@Test
	void bindWhenSecretMethodWithoutSecretThenStartupFails() {
		assertStartupFails("tollgate.sts.corp.client-secret: is required for client-auth client_secret_basic",
				"tollgate.sts.corp.token-uri=https://idp.example.com/token", "tollgate.sts.corp.client-id=gateway");
	}

	@Test
	void bindWhenPrivateKeyJwtWithoutKeyThenStartupFails() {
		assertStartupFails("tollgate.sts.corp.private-key: is required for client-auth private_key_jwt",
				"tollgate.sts.corp.token-uri=https://idp.example.com/token", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-auth=private_key_jwt");
	}

	@Test
	void bindWhenPrivateKeyFileHoldsOnlyAPublicKeyThenStartupFails() throws Exception {
		Path file = TestSigningKeys.writeJwk(this.dir, TestSigningKeys.ecKey("pub").toPublicJWK());
		assertStartupFails("tollgate.sts.corp.private-key: must hold exactly one private key",
				"tollgate.sts.corp.token-uri=https://idp.example.com/token", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-auth=private_key_jwt", "tollgate.sts.corp.private-key=file:" + file);
	}

	@Test
	void bindWhenClientAssertionActorWithoutPrivateKeyJwtThenStartupFails() {
		assertStartupFails("tollgate.sts.corp.actor-token: client_assertion requires client-auth private_key_jwt",
				"tollgate.sts.corp.token-uri=https://idp.example.com/token", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-secret=s", "tollgate.sts.corp.actor-token=client_assertion");
	}

	@Test
	void bindWhenDurationsAreNotPositiveThenStartupFails() {
		assertStartupFails("tollgate.sts.corp.timeout: must be a positive duration",
				"tollgate.sts.corp.token-uri=https://idp.example.com/token", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-secret=s", "tollgate.sts.corp.timeout=0s");
		assertStartupFails("tollgate.sts.corp.refresh-margin: must be a duration of zero or more",
				"tollgate.sts.corp.token-uri=https://idp.example.com/token", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-secret=s", "tollgate.sts.corp.refresh-margin=-1s");
	}

	@Test
	void bindWhenActorScopeHasSpacesThenStartupFails() {
		assertStartupFails("tollgate.sts.corp.actor-scopes: entries must be non-blank scope tokens",
				"tollgate.sts.corp.token-uri=https://idp.example.com/token", "tollgate.sts.corp.client-id=gateway",
				"tollgate.sts.corp.client-secret=s", "tollgate.sts.corp.actor-scopes[0]=a b");
	}

	@Test
	void bindWhenPrivateKeyJwtWithJwkSetThenExchangerBuilt() throws Exception {
		Path file = TestSigningKeys.writeJwkSet(this.dir, TestSigningKeys.ecKey("k1"));
		this.runner.withPropertyValues("tollgate.sts.corp.token-uri=https://idp.example.com/token",
				"tollgate.sts.corp.client-id=gateway", "tollgate.sts.corp.client-auth=private_key_jwt",
				"tollgate.sts.corp.private-key=file:" + file, "tollgate.sts.corp.actor-token=client_assertion")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DefaultTokenExchanger.class));
	}

	private void assertStartupFails(String message, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootMessages(context.getStartupFailure())).contains(message);
		});
	}

	private static String rootMessages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}

}
