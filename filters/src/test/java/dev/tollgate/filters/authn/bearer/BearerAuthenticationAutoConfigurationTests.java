package dev.tollgate.filters.authn.bearer;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tollgate.filters.authn.BearerAuthenticator;
import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.authn.jwks.JwksRefresher;
import dev.tollgate.filters.autoconfigure.TollgateFiltersAutoConfiguration;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.autoconfigure.BearerAuthenticationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class BearerAuthenticationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TollgateFiltersAutoConfiguration.class, BearerAuthenticationAutoConfiguration.class));

	private static final String[] CORP = { "tollgate.issuers[0].name=corp",
			"tollgate.issuers[0].issuer-uri=https://idp.example.com/realms/agents",
			"tollgate.issuers[0].jwks-uri=https://idp.example.com/realms/agents/protocol/openid-connect/certs" };

	@Test
	void contextWhenNoIssuersThenNoBearerBeans() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(BearerAuthenticator.class);
			assertThat(context).doesNotHaveBean(JwksCache.class);
		});
	}

	@Test
	void contextWhenIssuerConfiguredThenAuthenticatorAndSharedJwksCache() {
		this.runner.withPropertyValues(CORP).run((context) -> {
			assertThat(context).hasSingleBean(BearerAuthenticator.class);
			assertThat(context).hasSingleBean(JwksCache.class);
			assertThat(context).hasSingleBean(JwksRefresher.class);
			assertThat(context).hasSingleBean(VerifiedTokenCache.class);
			TrustedIssuers issuers = context.getBean(TrustedIssuers.class);
			assertThat(issuers.issuerUri("corp")).contains("https://idp.example.com/realms/agents");
			assertThat(issuers.issuerUri("nope")).isEmpty();
		});
	}

	@Test
	void contextWhenDefaultsThenDocumentedDefaultsApply() {
		this.runner.withPropertyValues(CORP).run((context) -> {
			IssuersProperties.Issuer corp = context.getBean(IssuersProperties.class).issuers().get(0);
			assertThat(corp.algorithms()).containsExactly("RS256", "PS256", "ES256", "EdDSA");
			assertThat(corp.tokenTypes()).containsExactly("at+jwt");
			assertThat(corp.clockSkew()).isEqualTo(Duration.ofSeconds(60));
			assertThat(corp.clientIdClaim()).isEqualTo("client_id");
			assertThat(corp.scopeClaim()).isEqualTo("scope");
			assertThat(corp.jwks().minRefetchInterval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(corp.jwks().refreshInterval()).isEqualTo(Duration.ofMinutes(5));
			assertThat(context.getBean(IssuersProperties.class).bearer().maxTokenLength()).isEqualTo(8192);
		});
	}

	@Test
	void authorizationServersWhenRouteNamesIssuersThenOnlyTheirUris() {
		this.runner.withPropertyValues(CORP)
			.withPropertyValues("tollgate.issuers[1].name=okta", "tollgate.issuers[1].issuer-uri=https://okta.example.com")
			.run((context) -> {
				TrustedIssuers issuers = context.getBean(TrustedIssuers.class);
				RouteSecurity all = new RouteSecurity("a", "aud", List.of(), Set.of(), Set.of(), "/a");
				RouteSecurity onlyOkta = new RouteSecurity("b", "aud", List.of(), Set.of(), Set.of("okta"), "/b");
				assertThat(issuers.authorizationServers(all)).containsExactly("https://idp.example.com/realms/agents",
						"https://okta.example.com");
				assertThat(issuers.authorizationServers(onlyOkta)).containsExactly("https://okta.example.com");
			});
	}

	@Test
	void contextWhenHmacAlgorithmThenStartupFailsNamingProperty() {
		expectFailure(List.of("tollgate.issuers[0].algorithms=RS256,HS256"), "tollgate.issuers[0].algorithms", "HS256");
	}

	@Test
	void contextWhenAlgNoneThenStartupFails() {
		expectFailure(List.of("tollgate.issuers[0].algorithms=none"), "tollgate.issuers[0].algorithms", "none");
	}

	@Test
	void contextWhenIssuerUriRelativeThenStartupFails() {
		expectFailure(List.of("tollgate.issuers[0].issuer-uri=/realms/agents"), "tollgate.issuers[0].issuer-uri", "absolute");
	}

	@Test
	void contextWhenDuplicateNamesThenStartupFails() {
		expectFailure(List.of("tollgate.issuers[1].name=corp", "tollgate.issuers[1].issuer-uri=https://other.example.com"),
				"tollgate.issuers[1].name", "twice");
	}

	@Test
	void contextWhenNegativeOrZeroDurationsThenStartupFails() {
		expectFailure(List.of("tollgate.issuers[0].jwks.min-refetch-interval=0s"),
				"tollgate.issuers[0].jwks.min-refetch-interval", "positive");
		expectFailure(List.of("tollgate.issuers[0].clock-skew=-5s"), "tollgate.issuers[0].clock-skew", "between");
	}

	@Test
	void contextWhenIntrospectionWithoutCredentialsThenStartupFails() {
		expectFailure(List.of("tollgate.issuers[0].introspection.uri=https://idp.example.com/introspect"),
				"tollgate.issuers[0].introspection.client-id", "blank");
	}

	@Test
	void contextWhenTokenTypesEmptyThenStartupFails() {
		expectFailure(List.of("tollgate.issuers[0].token-types="), "tollgate.issuers[0].token-types", "typ");
	}

	private void expectFailure(List<String> overrides, String field, String message) {
		this.runner.withPropertyValues(CORP).withPropertyValues(overrides.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining(field + ": ").hasMessageContaining(message);
		});
	}

}
