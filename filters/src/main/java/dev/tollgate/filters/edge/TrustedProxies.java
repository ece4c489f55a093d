package dev.tollgate.filters.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * The proxies allowed to tell the gateway who the client is ({@code tollgate.gateway.trusted-proxies}): a list of
 * IPv4 and IPv6 addresses or CIDR ranges, matched by Netty's {@link IpSubnetFilterRule} (Spring Security's
 * {@code IpAddressMatcher} does the same but drags in the Servlet API). Entries are parsed as IP literals only, with
 * Netty's {@link NetUtil}, never resolved as host names. An IPv4 range never matches an IPv6 address and vice
 * versa. Empty (the default)
 * trusts nobody, so {@code X-Forwarded-For}, {@code Forwarded} and forwarded client certificates are ignored and the
 * TCP peer is the client. Immutable; shared by every feature that has to decide whether to believe a proxy.
 */
public final class TrustedProxies {

	private static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

	private final List<IpSubnetFilterRule> matchers;

	private final List<String> ranges;

	private TrustedProxies(List<IpSubnetFilterRule> matchers, List<String> ranges) {
		this.matchers = matchers;
		this.ranges = ranges;
	}

	/** Trusts no proxy. */
	public static TrustedProxies none() {
		return NONE;
	}

	/**
	 * @param ranges addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}
	 * @throws IllegalArgumentException naming the property and the offending entry; host names are refused (they
	 * would need a DNS lookup, and DNS is not a trust anchor)
	 */
	public static TrustedProxies of(List<String> ranges) {
		if (ranges == null || ranges.isEmpty()) {
			return NONE;
		}
		List<IpSubnetFilterRule> matchers = new ArrayList<>(ranges.size());
		for (String range : ranges) {
			String trimmed = (range != null) ? range.trim() : "";
			int slash = trimmed.indexOf('/');
			InetAddress address = NetUtil
				.createInetAddressFromIpAddressString((slash < 0) ? trimmed : trimmed.substring(0, slash));
			int maxBits = (address != null && address.getAddress().length == 16) ? 128 : 32;
			int bits = (slash < 0) ? maxBits : prefixLength(trimmed.substring(slash + 1));
			if (address == null || bits < 0 || bits > maxBits) {
				throw new IllegalArgumentException("tollgate.gateway.trusted-proxies: \"" + range
						+ "\" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.7 or fd00::/8)");
			}
			matchers.add(new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT));
		}
		return new TrustedProxies(List.copyOf(matchers), List.copyOf(ranges));
	}

	private static int prefixLength(String text) {
		if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
			return -1;
		}
		return Integer.parseInt(text);
	}

	/** True when no proxy is trusted. */
	public boolean isEmpty() {
		return this.matchers.isEmpty();
	}

	/** Whether {@code address} is one of the trusted proxies; {@code null} is never trusted. */
	public boolean trusts(InetAddress address) {
		if (address == null || this.matchers.isEmpty()) {
			return false;
		}
		InetSocketAddress socketAddress = new InetSocketAddress(address, 0);
		for (IpSubnetFilterRule matcher : this.matchers) {
			if (matcher.matches(socketAddress)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "TrustedProxies" + this.ranges;
	}

}
