package dev.tollgate.filters.pipeline;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.RouteSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TollgateConfigTests {

	@Test
	void toPolicyWhenNoCredentialsThenPublicRouteWithoutSecurity() {
		TollgateConfig config = config("docs");
		config.setStripHeaders(List.of("X-Internal-*"));
		config.setForwardCredentials(true);

		RoutePolicy policy = config.toPolicy(null);

		assertThat(policy.authenticates()).isFalse();
		assertThat(policy.forwardCredentials()).isTrue();
		assertThat(policy.stripHeaders()).containsExactly("X-Internal-*");
		assertThat(policy.upstreamToken()).isNull();
	}

	@Test
	void toPolicyWhenPublicRouteSetsARateLimitThenErrorNamesRouteAndArgument() {
		TollgateConfig config = config("docs");
		config.setRateLimit("standard");

		assertThatIllegalArgumentException().isThrownBy(() -> config.toPolicy(null))
			.withMessage("route 'docs': Tollgate filter argument 'rateLimit' needs credentials (the route "
					+ "authenticates nobody)");
	}

	@Test
	void toPolicyWhenAuthenticatedRouteForwardsCredentialsThenErrorNamesRouteAndArgument() {
		TollgateConfig config = config("orders");
		config.setCredentials(Set.of(RouteSecurity.Credential.BEARER));
		config.setForwardCredentials(true);

		assertThatIllegalArgumentException().isThrownBy(() -> config.toPolicy(null))
			.withMessageContaining("route 'orders'")
			.withMessageContaining("'forwardCredentials'");
	}

	@Test
	void toPolicyWhenBindingRequiredAndApiKeysAcceptedThenErrorNamesRouteAndArgument() {
		TollgateConfig config = config("orders");
		config.setCredentials(Set.of(RouteSecurity.Credential.BEARER, RouteSecurity.Credential.API_KEY));
		config.setBinding(RoutePolicy.Binding.DPOP);

		assertThatIllegalArgumentException().isThrownBy(() -> config.toPolicy(null))
			.withMessageContaining("route 'orders'")
			.withMessageContaining("'binding'");
	}

	@Test
	void toPolicyWhenPublicRouteSetsBindingThenErrorNamesRouteAndArgument() {
		TollgateConfig config = config("open");
		config.setBinding(RoutePolicy.Binding.MTLS);

		assertThatIllegalArgumentException().isThrownBy(() -> config.toPolicy(null))
			.withMessageContaining("route 'open'")
			.withMessageContaining("'binding'");
	}

	@Test
	void toPolicyWhenBoundRouteExchangesWithoutChoosingForBoundTokensThenErrorNamesRouteAndArgument() {
		TollgateConfig config = config("orders");
		config.setCredentials(Set.of(RouteSecurity.Credential.BEARER));
		config.setBinding(RoutePolicy.Binding.DPOP);
		config.setExchange("corp");

		assertThatIllegalArgumentException().isThrownBy(() -> config.toPolicy(null))
			.withMessageContaining("route 'orders'")
			.withMessageContaining("'upstreamForBoundTokens'");
	}

	@Test
	void toPolicyWhenNoRouteIdThenError() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TollgateConfig().toPolicy(null))
			.withMessageContaining("route id");
	}

	private static TollgateConfig config(String routeId) {
		TollgateConfig config = new TollgateConfig();
		config.setRouteId(routeId);
		return config;
	}

}
