package dev.tollgate.filters.edge;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	private final ClientAddress resolver = new ClientAddress(TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8")));

	private static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
		return MockServerHttpRequest.get("/orders").remoteAddress(new InetSocketAddress(peer, 40000));
	}

	private String resolve(MockServerHttpRequest.BaseBuilder<?> request) {
		return this.resolver.resolve(request.build()).getHostAddress();
	}

	@Test
	void resolveWhenPeerUntrustedThenPeerAndForwardingHeadersIgnored() {
		assertThat(resolve(from("203.0.113.9").header("X-Forwarded-For", "198.51.100.1"))).isEqualTo("203.0.113.9");
		assertThat(resolve(from("203.0.113.9").header("Forwarded", "for=198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void resolveWhenNoProxyTrustedThenPeerEvenFromPrivateRanges() {
		ClientAddress trustNobody = new ClientAddress(TrustedProxies.none());
		MockServerHttpRequest request = from("10.0.0.5").header("X-Forwarded-For", "198.51.100.1").build();
		assertThat(trustNobody.resolve(request).getHostAddress()).isEqualTo("10.0.0.5");
	}

	@Test
	void resolveWhenPeerTrustedThenNearestUntrustedAddressFromTheRight() {
		// The client wrote "1.1.1.1" itself; the trusted proxies appended 198.51.100.7 and 10.0.0.2.
		assertThat(resolve(from("10.0.0.1").header("X-Forwarded-For", "1.1.1.1, 198.51.100.7, 10.0.0.2")))
			.isEqualTo("198.51.100.7");
	}

	@Test
	void resolveWhenSeveralHeaderLinesThenOneChainInOrder() {
		assertThat(resolve(from("10.0.0.1").header("X-Forwarded-For", "1.1.1.1", "198.51.100.7, 10.0.0.3")))
			.isEqualTo("198.51.100.7");
	}

	@Test
	void resolveWhenWholeChainTrustedThenLeftmost() {
		assertThat(resolve(from("10.0.0.1").header("X-Forwarded-For", "10.9.9.9, 10.0.0.2"))).isEqualTo("10.9.9.9");
	}

	@Test
	void resolveWhenPeerTrustedAndNoHeaderThenPeer() {
		assertThat(resolve(from("10.0.0.1"))).isEqualTo("10.0.0.1");
	}

	@Test
	void resolveWhenEntryNotAnAddressThenLastTrustedHop() {
		assertThat(resolve(from("10.0.0.1").header("X-Forwarded-For", "198.51.100.7, evil.example, 10.0.0.2")))
			.isEqualTo("10.0.0.2");
		assertThat(resolve(from("10.0.0.1").header("X-Forwarded-For", "unknown"))).isEqualTo("10.0.0.1");
	}

	// RFC 7239 §4, §6: quoted values, IPv6 in brackets, ports, other parameters; Forwarded wins over X-Forwarded-For.
	@Test
	void resolveWhenForwardedHeaderThenForParameterOfNearestUntrustedElement() {
		assertThat(resolve(from("10.0.0.1").header("Forwarded",
				"for=1.1.1.1, For=\"[2001:db8:cafe::17]:4711\";proto=https;by=10.0.0.1, for=10.0.0.2")
			.header("X-Forwarded-For", "198.51.100.99"))).isEqualTo("2001:db8:cafe:0:0:0:0:17");
		assertThat(resolve(from("10.0.0.1").header("Forwarded", "for=198.51.100.7:8080"))).isEqualTo("198.51.100.7");
		assertThat(resolve(from("10.0.0.1").header("Forwarded", "for=_hidden, for=10.0.0.2"))).isEqualTo("10.0.0.2");
	}

	@Test
	void resolveWhenIpv6PeerTrustedThenChainRead() {
		assertThat(resolve(from("fd00::1").header("X-Forwarded-For", "[2001:db8::5]"))).isEqualTo("2001:db8:0:0:0:0:0:5");
	}

	@Test
	void ofWhenCalledTwiceThenResolvedOnceAndCachedInExchange() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(from("10.0.0.1").header("X-Forwarded-For", "198.51.100.7"));
		assertThat(this.resolver.of(exchange).getHostAddress()).isEqualTo("198.51.100.7");
		assertThat((Object) exchange.getAttribute(ClientAddress.ATTRIBUTE)).isSameAs(this.resolver.of(exchange));
	}

}
