package dev.tollgate.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {

	@Test
	void escapeWhenCrLfAndControlsThenOneLineOfVisibleEscapes() {
		assertThat(LogText.escape("agent\r\nFORGED\u0085\u2028\u001b[31m"))
			.isEqualTo("agent\\r\\nFORGED\\u0085\\u2028\\u001b[31m")
			.doesNotContain("\r", "\n");
	}

	@Test
	void escapeWhenQuotesBackslashTabNulThenEscaped() {
		assertThat(LogText.escape("a\"b\\c\td\u0000")).isEqualTo("a\\\"b\\\\c\\td\\u0000");
	}

	@Test
	void escapeWhenPlainThenSameInstanceAndWhenLongThenCut() {
		String plain = "agent-x.1";
		assertThat(LogText.escape(plain)).isSameAs(plain);
		assertThat(LogText.escape("x".repeat(1000))).hasSize(LogText.MAX + 3).endsWith("...");
		assertThat(LogText.escape(null)).isEqualTo("-");
	}

}
