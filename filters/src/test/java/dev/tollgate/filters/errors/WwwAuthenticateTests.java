package dev.tollgate.filters.errors;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.CallerFault;

import static org.assertj.core.api.Assertions.assertThat;

class WwwAuthenticateTests {

	private static final String METADATA = "https://gw.example.com/.well-known/oauth-protected-resource/orders";

	@Test
	void bearerWhenNoCredentialThenChallengeHasNoErrorCodeRfc6750Section3_1() {
		String header = WwwAuthenticate.bearer("tollgate", CallerFault.missingCredential(), METADATA);

		assertThat(header).isEqualTo("Bearer realm=\"tollgate\", resource_metadata=\"" + METADATA + "\"");
	}

	@Test
	void bearerWhenInvalidTokenThenErrorAndResourceMetadataRfc9728Section5_1() {
		String header = WwwAuthenticate.bearer("tollgate", CallerFault.invalidToken("expired", "The token expired."),
				METADATA);

		assertThat(header).isEqualTo("Bearer realm=\"tollgate\", error=\"invalid_token\", "
				+ "error_description=\"The token expired.\", resource_metadata=\"" + METADATA + "\"");
	}

	@Test
	void bearerWhenInsufficientScopeThenScopeParameterListsRequiredScopes() {
		String header = WwwAuthenticate.bearer("tollgate",
				CallerFault.insufficientScope(List.of("orders:read", "orders:write")), null);

		assertThat(header).contains("error=\"insufficient_scope\"").contains("scope=\"orders:read orders:write\"");
	}

	@Test
	void bearerWhenValueHasQuoteOrBackslashThenEscapedRfc9110Section5_6_4() {
		String header = WwwAuthenticate.bearer("a\"b\\c", null, null);

		assertThat(header).isEqualTo("Bearer realm=\"a\\\"b\\\\c\"");
	}

	@Test
	void bearerWhenValueHasControlCharacterThenReplaced() {
		String header = WwwAuthenticate.bearer("a\r\nb", null, null);

		assertThat(header).doesNotContain("\r").doesNotContain("\n");
	}

}
