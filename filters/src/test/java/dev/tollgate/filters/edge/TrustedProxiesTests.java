package dev.tollgate.filters.edge;

import java.net.InetAddress;
import java.util.List;

import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTests {

	private static InetAddress ip(String literal) {
		return NetUtil.createInetAddressFromIpAddressString(literal);
	}

	@Test
	void trustsWhenEmptyThenNobody() {
		TrustedProxies none = TrustedProxies.of(List.of());
		assertThat(none.isEmpty()).isTrue();
		assertThat(none.trusts(ip("127.0.0.1"))).isFalse();
		assertThat(none.trusts(null)).isFalse();
	}

	@Test
	void trustsWhenIpv4CidrThenOnlyAddressesInside() {
		TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7"));
		assertThat(proxies.trusts(ip("10.255.1.2"))).isTrue();
		assertThat(proxies.trusts(ip("192.168.1.7"))).isTrue();
		assertThat(proxies.trusts(ip("11.0.0.1"))).isFalse();
		assertThat(proxies.trusts(ip("192.168.1.8"))).isFalse();
	}

	@Test
	void trustsWhenIpv6CidrThenOnlyIpv6AddressesInside() {
		TrustedProxies proxies = TrustedProxies.of(List.of("fd00::/8", "2001:db8::1"));
		assertThat(proxies.trusts(ip("fd12:3456::1"))).isTrue();
		assertThat(proxies.trusts(ip("2001:db8::1"))).isTrue();
		assertThat(proxies.trusts(ip("2001:db8::2"))).isFalse();
		assertThat(proxies.trusts(ip("10.0.0.1"))).isFalse();
	}

	@Test
	void trustsWhenCidrNotOnNetworkBoundaryThenWholeNetwork() {
		assertThat(TrustedProxies.of(List.of("10.1.2.3/16")).trusts(ip("10.1.200.1"))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "proxy.internal", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/x", "", "10.0.0",
			"10.0.0.0/8/8", "-1" })
	void ofWhenNotAnAddressOrRangeThenErrorNamingProperty(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of(entry)))
			.withMessageStartingWith("tollgate.gateway.trusted-proxies: ");
	}

}
