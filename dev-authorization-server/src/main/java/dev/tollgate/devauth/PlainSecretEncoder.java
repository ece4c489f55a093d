package dev.tollgate.devauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares dev client secrets as plain text (constant time). Why not {@code {noop}} with Spring's delegating
 * encoder: that one "upgrades" the secret to bcrypt after the first authentication, making every later token
 * request spend ~100 ms (several hundred on a busy CI machine) in bcrypt. Dev secrets are plain text anyway.
 */
final class PlainSecretEncoder implements PasswordEncoder {

	@Override
	public String encode(CharSequence rawPassword) {
		return rawPassword.toString();
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		return MessageDigest.isEqual(rawPassword.toString().getBytes(StandardCharsets.UTF_8),
				encodedPassword.getBytes(StandardCharsets.UTF_8));
	}

}
