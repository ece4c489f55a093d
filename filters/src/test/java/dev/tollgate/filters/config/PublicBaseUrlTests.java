package dev.tollgate.filters.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PublicBaseUrlTests {

	// RFC 3986 §6.2.2.1 (case), §6.2.3 (default port, empty path): one spelling per base URL.
	@ParameterizedTest
	@CsvSource({ "https://gateway.example.com, https://gateway.example.com",
			"https://gateway.example.com/, https://gateway.example.com",
			"HTTPS://Gateway.Example.COM:443/, https://gateway.example.com",
			"http://localhost:8080, http://localhost:8080", "http://localhost:80/, http://localhost",
			"https://gw.example.com:8443/, https://gw.example.com:8443", "http://127.0.0.1:9000, http://127.0.0.1:9000",
			"http://[::1]:8080/, http://[::1]:8080" })
	void parseWhenAbsoluteHttpUrlThenNormalised(String raw, String expected) {
		assertThat(PublicBaseUrl.parse(raw).value()).isEqualTo(expected);
	}

	@Test
	void parseWhenUnsetOrBlankThenNull() {
		assertThat(PublicBaseUrl.parse(null)).isNull();
		assertThat(PublicBaseUrl.parse("")).isNull();
		assertThat(PublicBaseUrl.parse("  ")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "gateway.example.com", "/orders", "//gateway.example.com", "ftp://gateway.example.com",
			"ws://gateway.example.com", "mailto:ops@example.com", "https://", "https:///orders",
			"https://user:secret@gateway.example.com", "https://user@gateway.example.com",
			"https://gateway.example.com?x=1", "https://gateway.example.com/?", "https://gateway.example.com#top",
			"https://gateway.example.com/#", "https://gateway.example.com/base", "https://gateway.example.com//",
			"https://gateway.example.com:0", "https://gateway.example.com:70000", "https://gate way.example.com",
			" https://gateway.example.com", "https://gateway.example.com\n", "https://gatewäy.example.com",
			"https://under_score.example.com" })
	void parseWhenNotAnAbsoluteHttpOriginThenFailureNamingPropertyNeverUserInfo(String raw) {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> PublicBaseUrl.parse(raw))
			.satisfies(ex -> {
				assertThat(ex.properties()).containsExactly("tollgate.gateway.public-base-url");
				assertThat(ex.getMessage()).startsWith("tollgate.gateway.public-base-url: ")
					.doesNotContain("secret");
			});
	}

	@Test
	void resolveWhenPathThenAbsoluteUrlUnderBase() {
		assertThat(PublicBaseUrl.parse("https://gw.example.com/").resolve("/orders"))
			.isEqualTo("https://gw.example.com/orders");
	}

	@Test
	void analyzeWhenInvalidThenDescriptionNamesPropertyAndActionSaysSetIt() {
		InvalidConfigurationException ex = PublicBaseUrlRequirement.missing("orders");

		var analysis = new InvalidConfigurationFailureAnalyzer().analyze(ex);

		assertThat(analysis.getDescription()).contains("tollgate.gateway.public-base-url").contains("'orders'");
		assertThat(analysis.getAction()).contains("tollgate.gateway.public-base-url");
	}

}
