package dev.tollgate.filters.edge;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.testkit.TestSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The verdicts of the real Spring Security firewall as configured here. End-to-end behaviour over a socket is in the
 * gateway's EdgePathTests; these pin the classification and the per-route relaxation rule.
 */
class EdgeFirewallTests {

	static final PathRelaxations ENCODED_SLASH = new PathRelaxations(true, false, false, false, false);

	final EdgeFirewall firewall = new EdgeFirewall(properties(Map.of()),
			new RouteFirewallRules(List.of(new RouteFirewallRules.Rule("admin", List.of("/files/admin/**"),
					PathRelaxations.NONE), new RouteFirewallRules.Rule("files", List.of("/files/**"), ENCODED_SLASH),
					new RouteFirewallRules.Rule("public", List.of("/**"), PathRelaxations.NONE))));

	@Test
	void checkWhenNormalizedThenAccepted() {
		assertThat(verdict("GET", "/api/secret")).isEqualTo("normalized");
	}

	@Test
	void checkWhenDotSegmentOrDoubleSlashOrEncodedSeparatorThenNonNormalizedPath() {
		for (String path : List.of("//api", "/a/../b", "/a/%2e%2e/b", "/a%2Fb", "/a%5Cb", "/a;x=1/b", "/a/%25/b",
				"/a/%09b", "/a/%c0%ae%c0%ae/b")) {
			assertThat(verdict("GET", path)).as(path).isEqualTo("non_normalized_path");
		}
	}

	@Test
	void checkWhenMethodOutsideListThenMethodNotAllowed() {
		assertThat(verdict("TRACE", "/api")).isEqualTo("method_not_allowed");
	}

	@Test
	void checkWhenMethodOverrideHeaderNamesAnotherMethodThenRefused() {
		MockServerWebExchange override = MockServerWebExchange.from(MockServerHttpRequest
			.method(HttpMethod.GET, URI.create("http://localhost/api"))
			.header("X-HTTP-Method-Override", "DELETE"));
		MockServerWebExchange same = MockServerWebExchange.from(MockServerHttpRequest
			.method(HttpMethod.GET, URI.create("http://localhost/api"))
			.header("X-HTTP-Method-Override", "get"));

		assertThat(this.firewall.check(override).block().reason()).isEqualTo("method_override");
		assertThat(this.firewall.check(same).block().accepted()).isTrue();
	}

	@Test
	void checkWhenHostNotListedThenUntrustedHost() {
		FirewallProperties properties = properties(Map.of("allowed-hostnames", "gw.example.com"));
		EdgeFirewall strictHosts = new EdgeFirewall(properties, new RouteFirewallRules(List.of()));

		assertThat(strictHosts.check(exchange("GET", "http://evil.example/x")).block().reason())
			.isEqualTo("untrusted_host");
		assertThat(strictHosts.check(exchange("GET", "http://GW.example.com/x")).block().accepted()).isTrue();
	}

	@Test
	void checkWhenRouteRelaxesEncodedSlashThenOnlyForPathsThatRouteServesEvenDecoded() {
		assertThat(verdict("GET", "/files/a%2Fb")).isEqualTo("normalized");
		assertThat(verdict("GET", "/files/admin%2Fx")).as("decoded, another route's path")
			.isEqualTo("non_normalized_path");
		assertThat(verdict("GET", "/other/a%2Fb")).isEqualTo("non_normalized_path");
		assertThat(verdict("GET", "/files/a%2F..%2Fb")).as("dot segments after decoding")
			.isEqualTo("non_normalized_path");
	}

	@Test
	void constructorWhenMethodNotUpperCaseThenStartupErrorNamesProperty() {
		FirewallProperties properties = properties(Map.of("allowed-methods", "GET,post"));

		assertThatIllegalStateException()
			.isThrownBy(() -> new EdgeFirewall(properties, new RouteFirewallRules(List.of())))
			.withMessageStartingWith("tollgate.gateway.firewall.allowed-methods: 'post'");
	}

	/** Binds {@code tollgate.gateway.firewall.*} as the gateway does. */
	private static FirewallProperties properties(Map<String, String> settings) {
		TestSettings firewall = TestSettings.under("tollgate.gateway.firewall");
		settings.forEach(firewall::set);
		return firewall.bind(FirewallProperties.class);
	}

	private String verdict(String method, String path) {
		return this.firewall.check(exchange(method, path)).block().reason();
	}

	private static MockServerWebExchange exchange(String method, String uri) {
		// A URI, not a template: a template would be encoded again (%2F to %252F).
		return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.valueOf(method),
				URI.create(uri.startsWith("http") ? uri : "http://localhost" + uri)));
	}

}
