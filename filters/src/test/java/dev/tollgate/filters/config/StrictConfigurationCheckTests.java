package dev.tollgate.filters.config;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mock.env.MockEnvironment;

import dev.tollgate.filters.autoconfigure.RateLimitAutoConfiguration;
import dev.tollgate.filters.ratelimit.RateLimitProperties;
import dev.tollgate.filters.ratelimit.StoreFailurePolicy;
import dev.tollgate.filters.autoconfigure.FiltersConfigurationOwner;
import dev.tollgate.filters.autoconfigure.TollgateFiltersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class StrictConfigurationCheckTests {

	private static final String MOCK = " (from property source 'mockProperties')";

	@Test
	void checkWhenOnlyKnownPropertiesThenNoProblem() {
		assertThat(problems("tollgate.rate-limit.on-store-failure", "deny",
				"tollgate.rate-limit.policies.standard.limits[0]", "100/1m", "tollgate.sts.corp.token-uri",
				"https://idp.example.com/token", "tollgate.sts.corp.client-id", "gw", "tollgate.sts.corp.client-secret",
				"s", "tollgate.issuers[0].name", "corp", "tollgate.issuers[0].issuer-uri", "https://idp.example.com",
				"tollgate.gateway.firewall.allow-semicolon", "true", "tollgate.gateway.connections.idle-timeout",
				"10s"))
			.isEmpty();
	}

	@Test
	void checkWhenNestedPropertyMisspeltThenProblemNamesItAndTheNearestName() {
		assertThat(problems("tollgate.rate-limit.on-store-failur", "deny")).containsExactly(
				"tollgate.rate-limit.on-store-failur: is not a known property; did you mean "
						+ "tollgate.rate-limit.on-store-failure?" + MOCK);
	}

	@Test
	void checkWhenMapValuePropertyMisspeltThenNearestNameOfTheValueType() {
		assertThat(problems("tollgate.rate-limit.policies.standard.limts", "100/1m")).singleElement()
			.asString()
			.startsWith("tollgate.rate-limit.policies.standard.limts: is not a known property; did you mean "
					+ "tollgate.rate-limit.policies.standard.limits?");
		assertThat(problems("tollgate.sts.corp.token-url", "https://idp.example.com/token",
				"tollgate.sts.corp.client-id", "gw", "tollgate.sts.corp.client-secret", "s"))
			.containsExactly("tollgate.sts.corp.token-url: is not a known property; did you mean "
					+ "tollgate.sts.corp.token-uri?" + MOCK, "tollgate.sts.corp.token-uri: is required");
	}

	@Test
	void checkWhenListEntryPropertyMisspeltThenNearestNameOfTheElementType() {
		assertThat(problems("tollgate.issuers[0].name", "corp", "tollgate.issuers[0].issuer-uri",
				"https://idp.example.com", "tollgate.issuers[0].jwks.refresh-intervall", "1m"))
			.containsExactly("tollgate.issuers[0].jwks.refresh-intervall: is not a known property; did you mean "
					+ "tollgate.issuers[0].jwks.refresh-interval?" + MOCK);
	}

	@Test
	void checkWhenTopLevelChildUnownedThenNamesTheMissingOwner() {
		assertThat(problems("tollgate.foo", "1")).containsExactly(
				"tollgate.foo: is not a known property (no module on the classpath owns tollgate.foo)" + MOCK);
		// The demo module is not on this module's classpath.
		assertThat(problems("tollgate.demo.enabled", "false")).containsExactly(
				"tollgate.demo.enabled: is not a known property (no module on the classpath owns tollgate.demo)"
						+ MOCK);
		assertThat(problems("tollgate.rate-limt.on-store-failure", "deny")).singleElement()
			.asString()
			.endsWith("; did you mean tollgate.rate-limit?" + MOCK);
	}

	@Test
	void checkWhenRelaxedNamesThenBoundAndNotReported() {
		MockEnvironment environment = new MockEnvironment().withProperty("tollgate.rateLimit.onStoreFailure", "deny")
			.withProperty("tollgate.rate_limit.store-timeout", "1s");
		assertThat(check(environment).list()).isEmpty();
	}

	@Test
	void checkWhenEnvironmentVariablesThenBoundButNeverReportedAsUnknown() {
		StandardEnvironment environment = new StandardEnvironment();
		// Kubernetes sets TOLLGATE_SERVICE_HOST and TOLLGATE_PORT for a Service named tollgate.
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("TOLLGATE_RATELIMIT_ONSTOREFAILURE", "deny", "TOLLGATE_SERVICE_HOST", "10.0.0.1",
									"TOLLGATE_PORT", "tcp://10.0.0.1:8080")));
		assertThat(check(environment).list()).isEmpty();
		new ApplicationContextRunner().withInitializer(context -> context.setEnvironment(environment))
			.withConfiguration(AutoConfigurations.of(TollgateFiltersAutoConfiguration.class,
					RateLimitAutoConfiguration.class))
			.run(context -> assertThat(context.getBean(RateLimitProperties.class).onStoreFailure())
				.isEqualTo(StoreFailurePolicy.DENY));
	}

	@Test
	void checkWhenUnknownUnreadableAndInvalidValuesThenAllReportedTogether() {
		assertThat(problems("tollgate.foo", "1", "tollgate.rate-limit.on-store-failure", "sometimes",
				"tollgate.rate-limit.lease.ttl", "0s", "tollgate.minting.algorithm", "HS256"))
			.containsExactlyInAnyOrder(
					"tollgate.foo: is not a known property (no module on the classpath owns tollgate.foo)" + MOCK,
					"tollgate.rate-limit.on-store-failure: the value is not a valid StoreFailurePolicy"
							+ MOCK,
					"tollgate.rate-limit.lease.ttl: must be positive, e.g. 500ms",
					"tollgate.minting.algorithm: must be RS256, ES256 or EdDSA, was 'HS256'");
	}

	@Test
	void checkWhenPropertyFromAFileThenProblemNamesWhereItWasSet() {
		StandardEnvironment environment = new StandardEnvironment();
		TextResourceOrigin origin = new TextResourceOrigin(new ByteArrayResource(new byte[0], "application.yml"),
				new TextResourceOrigin.Location(11, 4));
		environment.getPropertySources()
			.addFirst(new OriginTrackedMapPropertySource("application.yml",
					Map.of("tollgate.rate-limit.on-store-failur", OriginTrackedValue.of("deny", origin))));
		assertThat(check(environment).list()).singleElement()
			.asString()
			.contains("did you mean tollgate.rate-limit.on-store-failure?")
			.endsWith("(from Byte array resource [application.yml] - 12:5)");
	}

	@Test
	void startupWhenUnknownPropertyThenFailsThroughTheOneAnalyzerNamingIt() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RateLimitAutoConfiguration.class))
			.withPropertyValues("tollgate.rate-limit.on-store-failur=deny", "tollgate.rate-limit.lease.ttl=0s")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidConfigurationException.class);
				FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith("Invalid Tollgate configuration (2 problems):")
					.contains("tollgate.rate-limit.on-store-failur: is not a known property; did you mean "
							+ "tollgate.rate-limit.on-store-failure?")
					.contains("tollgate.rate-limit.lease.ttl: must be positive");
				assertThat(analysis.getAction()).contains("tollgate.rate-limit.on-store-failur")
					.contains("tollgate.rate-limit.lease.ttl");
			});
	}

	@Test
	void nearestWhenFarFromEveryNameThenNone() {
		assertThat(UnknownProperties.nearest("scope", List.of("scopes", "audience"))).isEqualTo("scopes");
		assertThat(UnknownProperties.nearest("demo", List.of("admin", "redis"))).isNull();
	}

	@Test
	void checkWhenPoliciesAndEnvAreValidThenBoundAndNoProblem() {
		assertThat(problems("tollgate.policies.same-tenant.expression",
				"caller.claims.tenant == request.path_vars.tenant", "tollgate.policies.same-tenant.mode", "shadow",
				"tollgate.policy.env.homeRegion", "eu-west-1", "tollgate.policy.env-lists.regions[0]", "eu-west-1",
				"tollgate.policies.eu.expression", "env.homeRegion in env.regions", "tollgate.policy.max-iterations",
				"200"))
			.isEmpty();
	}

	@Test
	void checkWhenSharedPolicyDoesNotCompileThenProblemNamesPropertyAndPosition() {
		assertThat(problems("tollgate.policies.same-tenant.expression", "caller.claims.tenant == request.tenant",
				"tollgate.policies.same-tenant.mode", "audit"))
			.containsExactly("tollgate.policies.same-tenant.mode: must be enforce or shadow, was 'audit'",
					"tollgate.policies.same-tenant.expression: line 1, column 25: undeclared reference to 'request'");
	}

	@Test
	void checkWhenPolicySettingMisspeltThenUnknownPropertyReported() {
		assertThat(problems("tollgate.policies.same-tenant.expresion", "true")).first()
			.asString()
			.startsWith("tollgate.policies.same-tenant.expresion: is not a known property; did you mean "
					+ "tollgate.policies.same-tenant.expression?");
	}

	private static List<String> problems(String... keyValues) {
		MockEnvironment environment = new MockEnvironment();
		for (int i = 0; i < keyValues.length; i += 2) {
			environment.setProperty(keyValues[i], keyValues[i + 1]);
		}
		return check(environment).list();
	}

	private static ConfigurationProblems check(org.springframework.core.env.Environment environment) {
		return StrictConfigurationCheck.check(environment, List.of(new FiltersConfigurationOwner()), (editors) -> {
		});
	}

}
