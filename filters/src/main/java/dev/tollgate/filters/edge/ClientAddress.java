package dev.tollgate.filters.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.util.NetUtil;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who the client is, as far as the gateway can know: the TCP peer, unless the peer is a
 * {@linkplain TrustedProxies trusted proxy}; then the nearest address in the forwarding chain that is not a trusted
 * proxy. The chain is read from {@code Forwarded} (RFC 7239 §5.2, {@code for=}) when present, else from
 * {@code X-Forwarded-For}; every header line, in order. It is walked from the right, because each trusted proxy
 * appends the address it saw and only those entries can be believed: whatever lies left of the first untrusted
 * entry was written by the client. An entry that is not an IP literal ({@code unknown}, an obfuscated identifier,
 * garbage) ends the walk at the last trusted hop, the most specific address still vouched for. Addresses are never
 * looked up in DNS.
 */
public final class ClientAddress {

	/** Exchange attribute caching the resolved {@link InetAddress}, so each request is resolved once. */
	public static final String ATTRIBUTE = "tollgate.clientAddress";

	/** Forwarding chains longer than this are not walked further (a bound on caller-controlled work). */
	private static final int MAX_HOPS = 32;

	private final TrustedProxies trusted;

	public ClientAddress(TrustedProxies trusted) {
		this.trusted = trusted;
	}

	public TrustedProxies trustedProxies() {
		return this.trusted;
	}

	/** The client's address for this exchange (cached in {@link #ATTRIBUTE}); {@code null} if the peer is unknown. */
	public InetAddress of(ServerWebExchange exchange) {
		Object cached = exchange.getAttribute(ATTRIBUTE);
		if (cached instanceof InetAddress address) {
			return address;
		}
		InetAddress address = resolve(exchange.getRequest());
		if (address != null) {
			exchange.getAttributes().put(ATTRIBUTE, address);
		}
		return address;
	}

	/** The client's address for this request; {@code null} if the peer is unknown. */
	public InetAddress resolve(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress peer = (remote != null) ? remote.getAddress() : null;
		if (peer == null || !this.trusted.trusts(peer)) {
			return peer;
		}
		HttpHeaders headers = request.getHeaders();
		List<String> forwarded = headers.get("Forwarded");
		List<String> chain = (forwarded != null && !forwarded.isEmpty()) ? forwardedFor(forwarded)
				: split(headers.get("X-Forwarded-For"));
		InetAddress nearest = peer;
		for (int i = chain.size() - 1, hops = 0; i >= 0 && hops < MAX_HOPS; i--, hops++) {
			InetAddress hop = literal(chain.get(i));
			if (hop == null) {
				return nearest;
			}
			if (!this.trusted.trusts(hop)) {
				return hop;
			}
			nearest = hop;
		}
		return nearest;
	}

	/** The {@code for=} values of every element of every {@code Forwarded} line, in order (RFC 7239 §4). */
	static List<String> forwardedFor(List<String> lines) {
		List<String> result = new ArrayList<>();
		for (String element : split(lines)) {
			String value = "";
			for (String pair : element.split(";")) {
				int eq = pair.indexOf('=');
				if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
					value = pair.substring(eq + 1).trim();
				}
			}
			// An element without for= still is a hop: an empty value stops the walk there.
			result.add(value);
		}
		return result;
	}

	private static List<String> split(List<String> lines) {
		if (lines == null) {
			return List.of();
		}
		List<String> result = new ArrayList<>();
		for (String line : lines) {
			for (String part : line.split(",")) {
				result.add(part.trim());
			}
		}
		return result;
	}

	/**
	 * An IP literal from a chain entry: {@code 192.0.2.60}, {@code 192.0.2.60:4711}, {@code 2001:db8::1},
	 * {@code [2001:db8::1]:4711}, optionally quoted; anything else is {@code null}.
	 */
	static InetAddress literal(String entry) {
		String value = entry;
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
		}
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			value = (close > 0) ? value.substring(1, close) : "";
		}
		else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
			value = value.substring(0, value.indexOf(':'));
		}
		if (value.isEmpty() || value.length() > 45) {
			return null;
		}
		// Parses literals only; never a name lookup.
		return NetUtil.createInetAddressFromIpAddressString(value);
	}

}
