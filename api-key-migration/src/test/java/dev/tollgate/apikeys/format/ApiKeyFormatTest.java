package dev.tollgate.apikeys.format;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFormatTest {

	private final ApiKeyFormat format = new ApiKeyFormat();

	@Test
	void newKeyWhenGeneratedThenScannerRegexFindsItAndItIsWellFormed() {
		String id = this.format.newKeyId();
		String key = this.format.newKey(id);
		assertThat(key).startsWith("tg_" + id + "_").hasSize(ApiKeyFormat.LENGTH);
		assertThat(Pattern.compile(ApiKeyFormat.SCANNER_REGEX).matcher("leaked: " + key + " in a log").find()).isTrue();
		assertThat(ApiKeyFormat.wellFormed(key)).isTrue();
		PresentedKey presented = ApiKeyFormat.inspect(key);
		assertThat(presented.kind()).isEqualTo(PresentedKey.Kind.TOLLGATE);
		assertThat(presented.keyId()).isEqualTo(id);
		assertThat(presented.hash()).isEqualTo(KeyHash.of(key));
	}

	@Test
	void newKeyWhenGeneratedThenSecretCarriesAtLeast128Bits() {
		double bits = ApiKeyFormat.SECRET_LENGTH * (Math.log(62) / Math.log(2));
		assertThat(bits).isGreaterThanOrEqualTo(128);
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			keys.add(this.format.newKey("AAAAAAAAAAAA"));
		}
		assertThat(keys).hasSize(1000);
	}

	@Test
	void inspectWhenAnyCharacterOfTheSecretChangedThenMalformedWithoutHash() {
		String key = this.format.newKey(this.format.newKeyId());
		int secretStart = ApiKeyFormat.PREFIX.length() + ApiKeyFormat.KEY_ID_LENGTH + 1;
		for (int i = secretStart; i < secretStart + ApiKeyFormat.SECRET_LENGTH; i++) {
			char c = key.charAt(i);
			String typo = key.substring(0, i) + ((c == 'a') ? 'b' : 'a') + key.substring(i + 1);
			PresentedKey presented = ApiKeyFormat.inspect(typo);
			assertThat(presented.malformed()).as("typo at %d", i).isTrue();
			assertThat(presented.hash()).isNull();
		}
	}

	@Test
	void inspectWhenTruncatedOrExtendedThenMalformed() {
		String key = this.format.newKey(this.format.newKeyId());
		assertThat(ApiKeyFormat.inspect(key.substring(0, key.length() - 1)).malformed()).isTrue();
		assertThat(ApiKeyFormat.inspect(key + "x").malformed()).isTrue();
		assertThat(ApiKeyFormat.inspect("tg_").malformed()).isTrue();
		assertThat(ApiKeyFormat.inspect(key.replace('_', '-')).kind()).isEqualTo(PresentedKey.Kind.LEGACY);
	}

	@Test
	void inspectWhenOtherVisibleAsciiThenLegacyLookedUpByHash() {
		PresentedKey presented = ApiKeyFormat.inspect("sk-live-0123456789");
		assertThat(presented.kind()).isEqualTo(PresentedKey.Kind.LEGACY);
		assertThat(presented.hash()).isEqualTo(KeyHash.of("sk-live-0123456789"));
	}

	@Test
	void inspectWhenTooShortTooLongOrNotVisibleAsciiThenMalformed() {
		assertThat(ApiKeyFormat.inspect("short").malformed()).isTrue();
		assertThat(ApiKeyFormat.inspect("x".repeat(1025)).malformed()).isTrue();
		assertThat(ApiKeyFormat.inspect("has space inside").malformed()).isTrue();
		assertThat(ApiKeyFormat.inspect("key\r\nInjected: 1").malformed()).isTrue();
		assertThat(ApiKeyFormat.inspect("clé-unicode-1234").malformed()).isTrue();
		assertThat(ApiKeyFormat.inspect(null).malformed()).isTrue();
	}

	@Test
	void toStringWhenPrintedThenNeverShowsTheHash() {
		PresentedKey presented = ApiKeyFormat.inspect("sk-live-0123456789");
		assertThat(presented.toString()).doesNotContain(presented.hash()).doesNotContain("sk-live");
	}

	@Test
	void matchesWhenHashesEqualThenTrueElseFalse() {
		String h = KeyHash.of("a-key-value");
		assertThat(KeyHash.matches(h, KeyHash.of("a-key-value"))).isTrue();
		assertThat(KeyHash.matches(h, KeyHash.of("a-key-valuf"))).isFalse();
		assertThat(KeyHash.matches(h, null)).isFalse();
		assertThat(KeyHash.isValid(h)).isTrue();
		assertThat(KeyHash.isValid(h.toUpperCase())).isFalse();
	}

}
