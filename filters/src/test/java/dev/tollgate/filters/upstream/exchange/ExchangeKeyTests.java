package dev.tollgate.filters.upstream.exchange;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeKeyTests {

	private final ExchangeRequest request = new ExchangeRequest("orders", "corp",
			TestCallers.caller("agent-a").build(), "orders-api", null, List.of("b", "a", "a"));

	@Test
	void ofWhenSameTokenAndTargetThenEqualKeysWithScopesSortedAndUnique() {
		ExchangeRequest reordered = new ExchangeRequest("other-route", "corp", TestCallers.caller("agent-a").build(),
				"orders-api", null, List.of("a", "b"));

		assertThat(ExchangeKey.of("token-1", this.request)).isEqualTo(ExchangeKey.of("token-1", reordered));
		assertThat(ExchangeKey.of("token-1", this.request).scopes()).containsExactly("a", "b");
	}

	@Test
	void ofWhenTokensDifferOnlyInNonAsciiCharactersThenKeysDiffer() {
		assertThat(ExchangeKey.of("tok\u00e9n", this.request)).isNotEqualTo(ExchangeKey.of("tok\u00e8n", this.request));
	}

	@Test
	void ofWhenAnyTargetPartDiffersThenKeysDiffer() {
		ExchangeRequest otherAudience = new ExchangeRequest("orders", "corp", TestCallers.caller("agent-a").build(),
				"billing-api", null, List.of("a", "b"));

		assertThat(ExchangeKey.of("token-1", this.request)).isNotEqualTo(ExchangeKey.of("token-2", this.request))
			.isNotEqualTo(ExchangeKey.of("token-1", otherAudience));
	}

	@Test
	void toStringWhenPrintedThenNeverTheToken() {
		assertThat(ExchangeKey.of("secret-subject-token", this.request).toString()).doesNotContain("secret");
	}

	@Test
	void ofFingerprintWhenTheRequestsOwnFingerprintThenSameKeyAsHashingTheTokenAgain() {
		InboundCredential credential = new InboundCredential(CredentialKind.JWT, "token-1");

		// The verified-token cache and the exchange cache share the one hash a request computes.
		assertThat(ExchangeKey.ofFingerprint(credential.fingerprint(), this.request))
			.isEqualTo(ExchangeKey.of("token-1", this.request));
		assertThat(credential.as(CredentialKind.OPAQUE).fingerprint()).isSameAs(credential.fingerprint());
	}

}
