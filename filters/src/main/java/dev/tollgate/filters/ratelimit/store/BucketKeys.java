package dev.tollgate.filters.ratelimit.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;


/**
 * Builds bucket keys {@code <prefix>{<route>.<client>}:<store>:<policy hash>} from the route id and the
 * authenticated client id only. The part in braces is a Redis Cluster hash tag, so one bucket lives on one slot and
 * buckets spread over the cluster. Route and client ids are percent-encoded where they contain the separator, braces,
 * {@code %} or anything outside printable ASCII, so two different (route, client) pairs never share a key; very long
 * client ids are replaced by their SHA-256 to keep keys small.
 */
public final class BucketKeys {

	private static final int MAX_ID_LENGTH = 128;

	private final String prefix;

	public BucketKeys(String prefix) {
		this.prefix = prefix;
	}

	public String key(String routeId, String clientId, BucketSpec spec, BucketStore store) {
		StringBuilder sb = new StringBuilder(this.prefix.length() + routeId.length() + clientId.length() + 32);
		sb.append(this.prefix).append('{');
		encode(sb, routeId);
		sb.append('.');
		encode(sb, (clientId.length() > MAX_ID_LENGTH) ? "sha256-" + sha256(clientId) : clientId);
		return sb.append("}:").append(store.name()).append(':').append(spec.fingerprint()).toString();
	}

	private static void encode(StringBuilder sb, String id) {
		byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
		for (byte b : bytes) {
			int c = b & 0xff;
			if (c > 0x20 && c < 0x7f && c != '.' && c != '{' && c != '}' && c != '%') {
				sb.append((char) c);
			}
			else {
				sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
