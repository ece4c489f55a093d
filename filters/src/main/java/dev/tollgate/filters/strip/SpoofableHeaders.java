package dev.tollgate.filters.strip;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * A set of inbound header names a client must never get to an upstream. Matching ignores case and treats {@code _}
 * like {@code -}, because some upstream servers (CGI, nginx with {@code underscores_in_headers}, WSGI) fold the two,
 * so {@code X_Tollgate_Client_Id} would otherwise reach them as the gateway's own identity header (RFC 9700 §4.13).
 * A name ending in {@code *} matches every header that starts with it, itself included ({@code X-Auth-Request-*},
 * {@code X-MS-Client-Principal*}).
 *
 * <p>Runs on every header of every request: exact names are ruled out by length before anything is allocated, and
 * prefixes by their first character.
 */
public final class SpoofableHeaders {

	private final Set<String> exact;

	/** Lengths of the normalized exact names: most headers of a request are ruled out without allocating. */
	private final BitSet lengths = new BitSet();

	/** Normalized prefixes, without the {@code *}. */
	private final List<String> prefixes;

	/** First characters of the prefixes (lower case), so most headers skip the prefix loop. */
	private final BitSet prefixStarts = new BitSet(128);

	private SpoofableHeaders(Collection<String> names) {
		Set<String> exactNames = new LinkedHashSet<>();
		List<String> prefixNames = new ArrayList<>();
		for (String name : names) {
			String normalized = normalize(name);
			if (normalized.endsWith("*")) {
				String prefix = normalized.substring(0, normalized.length() - 1);
				if (prefix.isEmpty()) {
					throw new IllegalArgumentException("strip-headers: '*' alone would strip every header; a prefix "
							+ "needs at least one character, e.g. X-Internal-*");
				}
				prefixNames.add(prefix);
				this.prefixStarts.set(prefix.charAt(0));
			}
			else if (!normalized.isEmpty()) {
				exactNames.add(normalized);
				this.lengths.set(normalized.length());
			}
		}
		this.exact = Set.copyOf(exactNames);
		this.prefixes = List.copyOf(prefixNames);
	}

	/** The default identity headers ({@link IdentityHeaderDefaults#ALL}) plus {@code extra}. */
	public static SpoofableHeaders of(Collection<String> extra) {
		List<String> all = new ArrayList<>(IdentityHeaderDefaults.ALL);
		all.addAll(extra);
		return new SpoofableHeaders(all);
	}

	/** Exactly {@code names} (and their spelling variants), without the defaults. */
	public static SpoofableHeaders only(Collection<String> names) {
		return new SpoofableHeaders(names);
	}

	/** Whether {@code name} is one of the stripped headers, in any case or spelling. */
	public boolean matches(String name) {
		String stripped = name.strip();
		int length = stripped.length();
		if (length == 0) {
			return false;
		}
		if (this.lengths.get(length) && this.exact.contains(normalize(stripped))) {
			return true;
		}
		char first = fold(stripped.charAt(0));
		if (first >= 128 || !this.prefixStarts.get(first)) {
			return false;
		}
		for (String prefix : this.prefixes) {
			if (length >= prefix.length() && startsWithFolded(stripped, prefix)) {
				return true;
			}
		}
		return false;
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

	/** Whether the set is empty, so a filter can skip the scan altogether. */
	public boolean isEmpty() {
		return this.exact.isEmpty() && this.prefixes.isEmpty();
	}

	/** The normalized names, prefixes ending in {@code *}. */
	public Set<String> names() {
		Set<String> names = new LinkedHashSet<>(this.exact);
		this.prefixes.forEach((prefix) -> names.add(prefix + "*"));
		return names;
	}

	/** Lower case, {@code _} folded to {@code -}: the spelling every matcher compares. */
	public static String normalize(String name) {
		return name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static boolean startsWithFolded(String name, String normalizedPrefix) {
		for (int i = 0; i < normalizedPrefix.length(); i++) {
			if (fold(name.charAt(i)) != normalizedPrefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** ASCII lower case with {@code _} as {@code -}; header names are ASCII tokens (RFC 9110 §5.1). */
	private static char fold(char c) {
		if (c >= 'A' && c <= 'Z') {
			return (char) (c + ('a' - 'A'));
		}
		return (c == '_') ? '-' : c;
	}

}
