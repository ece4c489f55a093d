package dev.tollgate.routes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.filters.config.ConfigurationProblems;
import dev.tollgate.filters.config.InvalidConfigurationException;
import dev.tollgate.filters.config.InvalidConfigurationFailureAnalyzer;
import dev.tollgate.filters.autoconfigure.TollgateFiltersAutoConfiguration;
import dev.tollgate.filters.mcp.McpRoutes;
import dev.tollgate.filters.mcp.McpSettings;
import dev.tollgate.filters.mcp.ToolRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RoutesAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TollgateFiltersAutoConfiguration.class, RoutesAutoConfiguration.class))
		.withPropertyValues("tollgate.gateway.public-base-url=https://gw.example.com", "tollgate.issuers[0].name=corp",
				"tollgate.issuers[0].issuer-uri=https://idp.example.com",
				"tollgate.sts.corp-sts.token-uri=https://idp.example.com/token", "tollgate.sts.corp-sts.client-id=gw",
				"tollgate.sts.corp-sts.client-secret=s",
				"tollgate.rate-limit.policies.standard.limits[0]=100/1m", "tollgate.routes[0].id=orders",
				"tollgate.routes[0].path=/orders/**", "tollgate.routes[0].upstream=http://127.0.0.1:9",
				"tollgate.routes[0].audience=https://gw.example.com/orders");

	@Test
	void contextWhenRoutesValidThenRouteDefinitionsServed() {
		this.runner.withPropertyValues("tollgate.routes[0].rate-limit=standard",
				"tollgate.routes[0].upstream-token.exchange=corp-sts")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DeclaredRouteDefinitions.class).getRouteDefinitions().collectList().block())
					.singleElement()
					.satisfies(definition -> assertThat(definition.getId()).isEqualTo("orders"));
			});
	}

	/** Tool names keep {@code _} and {@code *}: rules are a list, so no bracket-quoted map keys are needed. */
	@Test
	void contextWhenRouteDeclaresMcpThenItsSettingsServedByName() {
		this.runner.withPropertyValues("tollgate.routes[0].mcp.tools[0].name=search_orders",
				"tollgate.routes[0].mcp.tools[0].scopes=orders:read", "tollgate.routes[0].mcp.tools[1].name=refund_*",
				"tollgate.routes[0].mcp.tools[1].rate-limit=standard", "tollgate.routes[0].mcp.sessions.ttl=2h")
			.run(context -> {
				assertThat(context).hasNotFailed();
				McpSettings mcp = context.getBean(McpRoutes.class).settings("orders");
				assertThat(mcp.tools()).extracting(ToolRule::name).containsExactly("search_orders", "refund_*");
				assertThat(mcp.sessions().ttl()).hasHours(2);
				assertThat(context.getBean(McpRoutes.class).settings("other")).isNull();
			});
	}

	@Test
	void contextWhenMcpPropertyMisspeltThenStartupFailsNamingTheNearestName() {
		this.runner.withPropertyValues("tollgate.routes[0].mcp.unknown-tool=deny")
			.run(context -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("route 'orders' (tollgate.routes[0].mcp.unknown-tool): is not a known property; "
						+ "did you mean tollgate.routes[0].mcp.unknown-tools?"));
	}

	@Test
	void contextWhenRouteRefersToUnknownNamesThenStartupFailsNamingRouteAndProperties() {
		this.runner.withPropertyValues("tollgate.routes[0].rate-limit=gold", "tollgate.routes[0].issuers=other",
				"tollgate.routes[0].upstream-token.exchange=nope")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidConfigurationException.class)
					.hasMessageContaining("route 'orders' (tollgate.routes[0].rate-limit): unknown policy 'gold'")
					.hasMessageContaining("route 'orders' (tollgate.routes[0].issuers): unknown issuer 'other'")
					.hasMessageContaining(
							"route 'orders' (tollgate.routes[0].upstream-token.exchange): unknown STS profile 'nope'");
			});
	}

	@Test
	void contextWhenRouteHasNoAudienceThenStartupFails() {
		this.runner.withPropertyValues("tollgate.routes[0].audience=")
			.run(context -> assertThat(context.getStartupFailure())
				.hasMessageContaining("route 'orders' (tollgate.routes[0].audience): is required"));
	}

	@Test
	void contextWhenRoutePropertyMisspeltThenStartupFailsNamingRoutePropertyAndNearestName() {
		this.runner
			.withPropertyValues("tollgate.routes[0].scope=orders:read",
					"tollgate.routes[0].upstream-token.exchang=corp-sts")
			.run(context -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("route 'orders' (tollgate.routes[0].scope): is not a known property; did you "
						+ "mean tollgate.routes[0].scopes?")
				.hasMessageContaining("route 'orders' (tollgate.routes[0].upstream-token.exchang): is not a known "
						+ "property; did you mean tollgate.routes[0].upstream-token.exchange?"));
	}

	@Test
	void contextWhenRouteAuthenticatesWithoutPublicBaseUrlThenStartupFailsNamingPropertyAndRoute() {
		this.runner.withPropertyValues("tollgate.gateway.public-base-url=").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("tollgate.gateway.public-base-url: is required because route 'orders'");
		});
	}

	@Test
	void contextWhenNoRouteAuthenticatesThenStartsWithoutPublicBaseUrl() {
		this.runner.withPropertyValues("tollgate.gateway.public-base-url=", "tollgate.routes[0].credentials=")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "gw.example.com", "https://gw.example.com/orders", "https://gw.example.com?a=b",
			"https://gw.example.com#x", "https://ops:pw@gw.example.com", "file:///etc/passwd" })
	void contextWhenPublicBaseUrlMalformedThenStartupFailsNamingProperty(String value) {
		this.runner.withPropertyValues("tollgate.gateway.public-base-url=" + value)
			.run(context -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessageStartingWith("tollgate.gateway.public-base-url: "));
	}

	// RFC 9728 §3.3: the document names the configured base URL plus the route path, which the route accepts as aud.
	@Test
	void metadataWhenServedThenResourceIsNormalisedBaseUrlPlusRoutePath() {
		this.runner.withPropertyValues("tollgate.gateway.public-base-url=HTTPS://GW.example.com:443/")
			.run(context -> {
				WebTestClient client = WebTestClient
					.bindToRouterFunction(context.getBean("tollgateProtectedResourceMetadataEndpoint",
							org.springframework.web.reactive.function.server.RouterFunction.class))
					.build();
				client.get()
					.uri("http://evil.example/.well-known/oauth-protected-resource/orders")
					.header("Host", "evil.example")
					.header("X-Forwarded-Host", "evil.example")
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.resource")
					.isEqualTo("https://gw.example.com/orders");
			});
	}

	@Test
	void analyzeWhenInvalidDeclarationThenDescriptionIsTheProblemList() {
		ConfigurationProblems problems = new ConfigurationProblems();
		problems.addForRoute("a", "tollgate.routes[0].audience", "is required on a route that authenticates");
		InvalidConfigurationException ex = catchThrowableOfType(InvalidConfigurationException.class,
				problems::throwIfAny);

		assertThat(new InvalidConfigurationFailureAnalyzer().analyze(ex).getDescription())
			.contains("route 'a' (tollgate.routes[0].audience): is required on a route that authenticates");
	}

}
