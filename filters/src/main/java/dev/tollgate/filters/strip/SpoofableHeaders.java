package dev.tollgate.filters.strip;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;

/**
 * The set of inbound headers a client must never set itself. Matching ignores case and treats {@code _} like
 * {@code -}, because some upstream servers (CGI, nginx with {@code underscores_in_headers}) fold the two, so
 * {@code X_Tollgate_Client_Id} would otherwise reach them as the gateway's own identity header (RFC 9700 §4.13).
 */
public final class SpoofableHeaders {

	/** Identity headers the gateway itself sets for upstreams. */
	public static final List<String> GATEWAY_IDENTITY_HEADERS = List.of("X-Tollgate-Client-Id", "X-Tollgate-Subject",
			"X-Tollgate-Scopes", "X-Tollgate-Credential", "X-Tollgate-Key-Id", "X-Tollgate-Issuer");

	private final Set<String> normalized;

	/** Lengths of the normalized names: most headers of a request are ruled out without allocating. */
	private final BitSet lengths = new BitSet();

	private SpoofableHeaders(Collection<String> names) {
		this.normalized = names.stream().map(SpoofableHeaders::normalize).collect(Collectors.toUnmodifiableSet());
		this.normalized.forEach((name) -> this.lengths.set(name.length()));
	}

	/** The gateway's identity headers plus {@code extra}. */
	public static SpoofableHeaders of(Collection<String> extra) {
		List<String> all = new ArrayList<>(GATEWAY_IDENTITY_HEADERS);
		all.addAll(extra);
		return new SpoofableHeaders(all);
	}

	/** Whether {@code name} is one of the stripped headers, in any case or spelling. */
	public boolean matches(String name) {
		String stripped = name.strip();
		return this.lengths.get(stripped.length()) && this.normalized.contains(normalize(stripped));
	}

	/** Names present in {@code headers} that must go; empty for a clean request, so the common path allocates little. */
	public List<String> presentIn(HttpHeaders headers) {
		List<String> found = null;
		for (String name : headers.headerNames()) {
			if (matches(name)) {
				if (found == null) {
					found = new ArrayList<>(2);
				}
				found.add(name);
			}
		}
		return (found != null) ? found : List.of();
	}

	public Set<String> names() {
		return this.normalized;
	}

	static String normalize(String name) {
		return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
