package dev.tollgate.filters.edge;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * What RFC 9110 §7.6.1 makes a proxy remove before forwarding: every field the {@code Connection} header nominates,
 * then {@code Connection} itself, plus the fields that are hop-by-hop whether nominated or not ({@code Keep-Alive},
 * {@code Proxy-Connection}, {@code TE}, {@code Trailer}, {@code Upgrade}, and {@code Proxy-Authorization}, which is
 * meant for the first proxy and is never forwarded).
 *
 * <p>Decided once, at the edge, so that the nominated fields are gone before authentication and the strip stage
 * see the request, and no {@code Connection} header is left for Spring Cloud Gateway's
 * {@code RemoveHopByHopHeadersFilter} to apply to the finished upstream request, where it would remove headers the
 * gateway set (the minted {@code Authorization}, the correlation id, {@code X-Forwarded-*}).
 *
 * <p>Two exceptions, both deliberate:
 * <ul>
 * <li>A WebSocket handshake ({@code GET} with {@code Upgrade: websocket} and a {@code Connection} naming
 * {@code upgrade}) keeps {@code Upgrade: websocket} and a {@code Connection: Upgrade} with nothing else in it: the
 * handshake needs both, and Spring Cloud Gateway's WebSocket client sets its own for the upstream. Any other
 * {@code Upgrade} (h2c, TLS) is removed.</li>
 * <li>Nominating {@code Host}, {@code Content-Length} or {@code Transfer-Encoding} is refused (400): a sender MUST NOT
 * nominate fields meant for every recipient (RFC 9110 §7.6.1), and removing these would change how the request is
 * framed or routed after Netty has already read it.</li>
 * </ul>
 * Field names are matched ignoring case (RFC 9110 §5.1), but {@code _} is not folded into {@code -}: a nomination of
 * {@code x_api_key} names a field of that spelling, which the strip stage handles anyway.
 */
public final class HopByHopHeaders {

	/** Removed whether or not {@code Connection} names them. */
	public static final List<String> ALWAYS_REMOVED = List.of(HttpHeaders.CONNECTION, "Keep-Alive", "Proxy-Connection",
			HttpHeaders.TE, HttpHeaders.TRAILER, HttpHeaders.UPGRADE, HttpHeaders.PROXY_AUTHORIZATION);

	/** Fields a {@code Connection} header may not nominate (400). */
	public static final Set<String> NOT_NOMINABLE = Set.of("host", "content-length", "transfer-encoding");

	private HopByHopHeaders() {
	}

	/**
	 * What to do with one request's headers.
	 * @param remove names to remove (as nominated or listed; removal ignores case)
	 * @param webSocketUpgrade keep {@code Upgrade} and set {@code Connection: Upgrade}
	 * @param forbiddenNomination a nominated framing or routing field, or {@code null}
	 */
	public record Plan(Set<String> remove, boolean webSocketUpgrade, String forbiddenNomination) {

		/** Nothing to remove. */
		static final Plan NONE = new Plan(Set.of(), false, null);

		public boolean isEmpty() {
			return this.remove.isEmpty() && this.forbiddenNomination == null;
		}

		/** Applies the plan to writable headers. */
		public void applyTo(HttpHeaders headers) {
			this.remove.forEach(headers::remove);
			if (this.webSocketUpgrade) {
				headers.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
			}
		}

	}

	/** The plan for a request; {@link Plan#NONE} (no allocation) when no hop-by-hop field is present. */
	public static Plan plan(HttpMethod method, HttpHeaders headers) {
		Set<String> remove = null;
		for (String name : ALWAYS_REMOVED) {
			if (headers.containsHeader(name)) {
				remove = (remove != null) ? remove : new LinkedHashSet<>();
				remove.add(name);
			}
		}
		if (remove == null) {
			return Plan.NONE;
		}
		boolean nominatesUpgrade = false;
		String forbidden = null;
		List<String> connection = headers.get(HttpHeaders.CONNECTION);
		if (connection != null) {
			for (String value : connection) {
				for (String option : value.split(",")) {
					String name = option.strip();
					if (name.isEmpty()) {
						continue;
					}
					String lower = name.toLowerCase(Locale.ROOT);
					if (NOT_NOMINABLE.contains(lower)) {
						forbidden = (forbidden != null) ? forbidden : lower;
					}
					else if ("upgrade".equals(lower)) {
						nominatesUpgrade = true;
					}
					else {
						// close and keep-alive name no field of that name in practice; removing one if sent is right.
						remove.add(name);
					}
				}
			}
		}
		boolean webSocket = nominatesUpgrade && HttpMethod.GET.equals(method)
				&& "websocket".equalsIgnoreCase(singleValue(headers, HttpHeaders.UPGRADE));
		if (webSocket) {
			remove.removeIf(HttpHeaders.UPGRADE::equalsIgnoreCase);
		}
		return new Plan(Set.copyOf(remove), webSocket, forbidden);
	}

	private static String singleValue(HttpHeaders headers, String name) {
		List<String> values = headers.get(name);
		return (values != null && values.size() == 1) ? values.get(0).strip() : null;
	}

}
