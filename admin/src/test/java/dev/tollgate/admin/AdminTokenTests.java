package dev.tollgate.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.filters.config.InvalidConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdminTokenTests {

	private static final String TOKEN = "admin-token-0123456789abcdef";

	@TempDir
	Path dir;

	@Test
	void resolveWhenTokenPropertyThenMatchesExactTokenOnly() {
		AdminToken token = AdminToken.resolve(properties(TOKEN, null));
		assertThat(token.configured()).isTrue();
		assertThat(token.matches(TOKEN)).isTrue();
		assertThat(token.matches(TOKEN + "x")).isFalse();
		assertThat(token.matches(TOKEN.substring(1))).isFalse();
		assertThat(token.matches(TOKEN.toUpperCase())).isFalse();
		assertThat(token.matches("")).isFalse();
		assertThat(token.matches(null)).isFalse();
	}

	@Test
	void resolveWhenTokenFileThenTrimmedContentIsTheToken() throws IOException {
		Path file = Files.writeString(this.dir.resolve("admin-token"), "  " + TOKEN + "\n");
		AdminToken token = AdminToken.resolve(properties(null, file.toString()));
		assertThat(token.matches(TOKEN)).isTrue();
		assertThat(token.matches("  " + TOKEN + "\n")).isFalse();
	}

	@Test
	void resolveWhenNeitherSetThenNotConfiguredAndNothingMatches() {
		AdminToken token = AdminToken.resolve(properties("", " "));
		assertThat(token.configured()).isFalse();
		assertThat(token.matches("")).isFalse();
		assertThat(token.matches(TOKEN)).isFalse();
	}

	@Test
	void resolveWhenBothSetThenStartupFailsNamingBothProperties() throws IOException {
		Path file = Files.writeString(this.dir.resolve("admin-token"), TOKEN);
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> AdminToken.resolve(properties(TOKEN, file.toString())))
			.withMessageContaining("tollgate.admin.token ")
			.withMessageContaining("tollgate.admin.token-file");
	}

	@Test
	void resolveWhenTokenTooShortOrNotB64TokenThenStartupFailsWithoutEchoingIt() {
		for (String bad : new String[] { "short", "0123456789012345678901 ", "01234567890123456789012 3",
				"0123456789012345678901234\"", "0123456789012345678901234=x" }) {
			assertThatExceptionOfType(InvalidConfigurationException.class)
				.isThrownBy(() -> AdminToken.resolve(properties(bad, null)))
				.withMessageStartingWith("tollgate.admin.token:")
				.withMessageNotContaining(bad);
		}
	}

	@Test
	void resolveWhenTokenFileTooShortOrMissingThenStartupFailsNamingTokenFile() throws IOException {
		Path shortFile = Files.writeString(this.dir.resolve("short"), "secret\n");
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> AdminToken.resolve(properties(null, shortFile.toString())))
			.withMessageStartingWith("tollgate.admin.token-file:")
			.withMessageNotContaining("secret");
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> AdminToken.resolve(properties(null, this.dir.resolve("missing").toString())))
			.withMessageStartingWith("tollgate.admin.token-file: cannot read");
	}

	@Test
	void principalWhenTokenThenShortFingerprintNeverTheToken() {
		AdminToken token = AdminToken.resolve(properties(TOKEN, null));
		assertThat(token.principal()).matches("admin-token:[0-9a-f]{8}").doesNotContain(TOKEN);
		assertThat(token.toString()).doesNotContain(TOKEN);
		assertThat(AdminToken.resolve(properties(TOKEN + "2", null)).principal()).isNotEqualTo(token.principal());
		assertThat(properties(TOKEN, null).toString()).doesNotContain(TOKEN);
	}

	private static AdminProperties properties(String token, String file) {
		return new AdminProperties(token, file);
	}

}
