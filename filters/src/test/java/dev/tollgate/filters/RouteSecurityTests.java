package dev.tollgate.filters;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.RouteSecurity;

import static org.assertj.core.api.Assertions.assertThat;

class RouteSecurityTests {

	private static final RouteSecurity ORDERS = new RouteSecurity("orders", "api://orders", List.of(),
			Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/orders/");

	@Test
	void withPublicBaseUrlWhenResolvedThenResourceIsBasePlusNormalisedPath() {
		assertThat(ORDERS.withPublicBaseUrl("https://gw.example.com").resource())
			.isEqualTo("https://gw.example.com/orders");
		assertThat(ORDERS.withPublicBaseUrl("https://gw.example.com").metadataPath())
			.isEqualTo("/.well-known/oauth-protected-resource/orders");
	}

	// RFC 9068 §4 with RFC 9728 §3.3: the configured audience and the advertised resource, each matched exactly.
	@Test
	void acceptsAudienceWhenConfiguredAudienceOrAdvertisedResourceThenTrue() {
		RouteSecurity route = ORDERS.withPublicBaseUrl("https://gw.example.com");

		assertThat(route.acceptsAudience(List.of("api://orders"))).isTrue();
		assertThat(route.acceptsAudience(List.of("other", "https://gw.example.com/orders"))).isTrue();
	}

	@Test
	void acceptsAudienceWhenNeitherExactlyThenFalse() {
		RouteSecurity route = ORDERS.withPublicBaseUrl("https://gw.example.com");

		assertThat(route.acceptsAudience(List.of("https://gw.example.com/orders/"))).isFalse();
		assertThat(route.acceptsAudience(List.of("https://GW.example.com/orders"))).isFalse();
		assertThat(route.acceptsAudience(List.of("https://gw.example.com"))).isFalse();
		assertThat(route.acceptsAudience(List.of("https://gw.example.com/orders/42"))).isFalse();
		assertThat(route.acceptsAudience(List.of())).isFalse();
	}

	@Test
	void acceptsAudienceWhenRouteHasNoAudienceAndNoResourceThenNothing() {
		RouteSecurity none = new RouteSecurity("keys", null, List.of(), Set.of(RouteSecurity.Credential.API_KEY),
				Set.of(), "/keys");

		assertThat(none.acceptsAudience(List.of("https://gw.example.com/keys"))).isFalse();
	}

}
