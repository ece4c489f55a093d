package dev.tollgate.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.springframework.util.StringUtils;

import dev.tollgate.filters.config.InvalidConfigurationException;

/**
 * The admin token, resolved once at startup from {@code tollgate.admin.token} or {@code tollgate.admin.token-file}.
 * Only its SHA-256 digest is kept: presented tokens are hashed and compared with {@link MessageDigest#isEqual}, so the
 * comparison takes the same time whatever the input, its length included. {@link #principal()} names the holder in
 * audit lines with an 8-hex-digit fingerprint of the digest, enough to tell rotated tokens apart and useless for
 * guessing a 128-bit-or-more token.
 */
public final class AdminToken {

	/** Shortest token accepted: guessing it must be as hard as guessing a 128-bit key. */
	static final int MIN_LENGTH = 24;

	/** RFC 6750 §2.1 b64token: what {@code Authorization: Bearer} can carry at all. */
	private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private static final AdminToken NONE = new AdminToken(null);

	private final byte[] digest;

	private final String principal;

	private AdminToken(byte[] digest) {
		this.digest = digest;
		this.principal = (digest != null) ? "admin-token:" + HexFormat.of().formatHex(digest, 0, 4) : "-";
	}

	/**
	 * The configured token, or {@link #configured() none}.
	 * @throws InvalidConfigurationException naming the property when both are set, the file cannot be read, or the
	 * token is
	 * too short or not a b64token
	 */
	public static AdminToken resolve(AdminProperties properties) {
		boolean inline = StringUtils.hasLength(properties.token());
		boolean file = StringUtils.hasText(properties.tokenFile());
		if (inline && file) {
			throw new InvalidConfigurationException("tollgate.admin.token",
					"set only one of tollgate.admin.token and tollgate.admin.token-file; both are set");
		}
		if (inline) {
			return of(properties.token(), "tollgate.admin.token");
		}
		if (file) {
			return of(read(Path.of(properties.tokenFile().strip())), "tollgate.admin.token-file");
		}
		return NONE;
	}

	static AdminToken of(String token, String property) {
		if (token.length() < MIN_LENGTH || !B64TOKEN.matcher(token).matches()) {
			// Never echo the value: it is a secret even when it is a bad one.
			throw new InvalidConfigurationException(property, "the admin token must be at least " + MIN_LENGTH
					+ " characters of A-Z a-z 0-9 - . _ ~ + / (an RFC 6750 b64token, e.g. openssl rand -base64 32)");
		}
		return new AdminToken(sha256(token));
	}

	private static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.UTF_8).strip();
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidConfigurationException("tollgate.admin.token-file", "cannot read " + path + " ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	/** Whether an admin token is configured; without one every {@link #matches} is false. */
	public boolean configured() {
		return this.digest != null;
	}

	/** Constant-time check of a presented token. */
	public boolean matches(String presented) {
		return this.digest != null && presented != null && MessageDigest.isEqual(this.digest, sha256(presented));
	}

	/** The non-secret name of the token holder for audit lines, e.g. {@code admin-token:3f2a9c1b}. */
	public String principal() {
		return this.principal;
	}

	@Override
	public String toString() {
		return "AdminToken[" + this.principal + "]";
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
