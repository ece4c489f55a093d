package dev.tollgate.filters.edge;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderCharactersTests {

	/** Spring Security 7.0's {@code StrictServerWebExchangeFirewall} header-name expression, verbatim. */
	private static final Pattern SPRING_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	/** Its header-value expression, verbatim. */
	private static final Pattern SPRING_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	/** Characters at each rule's edges, and the unpaired surrogates a regular expression reads one by one. */
	private static final List<String> SAMPLES = List.of("Bearer eyJhbGciOi.x-_~+/=", "a\tb", "\u0000", "\r\n",
			"\u007f", "\u0080", "\u0085", "\u009f", "\u00a0", "\u0378", "\u2028", "\u2029", "\ufeff", "\ufffd",
			"\uffff", "\ud83d\ude00", "\ud800", "x\udc00y", "\udbff\udfff", "caf\u00e9", "");

	@Test
	void allowedValueWhenEveryCodePointThenSameAsSpringSecurityExpression() {
		for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
			String one = new String(Character.toChars(cp));
			assertThat(HeaderCharacters.allowedValue(one)).as("U+%04X", cp).isEqualTo(SPRING_VALUE.matcher(one).matches());
			String inside = "ab" + one + "cd";
			assertThat(HeaderCharacters.allowedValue(inside)).as("U+%04X inside", cp)
				.isEqualTo(SPRING_VALUE.matcher(inside).matches());
		}
	}

	@Test
	void allowedNameWhenEveryCodePointThenSameAsSpringSecurityExpression() {
		for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
			String one = "X-" + new String(Character.toChars(cp));
			assertThat(HeaderCharacters.allowedName(one)).as("U+%04X", cp).isEqualTo(SPRING_NAME.matcher(one).matches());
		}
	}

	@Test
	void allowedWhenUnpairedSurrogatesAndEdgesThenSameAsSpringSecurityExpression() {
		for (String sample : SAMPLES) {
			assertThat(HeaderCharacters.allowedValue(sample)).as(escaped(sample))
				.isEqualTo(SPRING_VALUE.matcher(sample).matches());
			assertThat(HeaderCharacters.allowedName(sample)).as(escaped(sample))
				.isEqualTo(SPRING_NAME.matcher(sample).matches());
		}
	}

	@Test
	void allowedValueWhenReadThroughSpringSecurityDefaultFirewallThenSameVerdict() {
		// Guards the copied expressions above: the library's own defaults decide the same on the edge samples.
		for (String sample : SAMPLES) {
			boolean springAccepts = reads(new StrictServerWebExchangeFirewall(), sample);
			StrictServerWebExchangeFirewall ours = new StrictServerWebExchangeFirewall();
			ours.setAllowedHeaderValues(HeaderCharacters::allowedValue);
			ours.setAllowedHeaderNames(HeaderCharacters::allowedName);

			assertThat(reads(ours, sample)).as(escaped(sample)).isEqualTo(springAccepts);
			assertThat(HeaderCharacters.allowedValue(sample)).as(escaped(sample)).isEqualTo(springAccepts);
		}
	}

	private static boolean reads(StrictServerWebExchangeFirewall firewall, String value) {
		ServerWebExchange exchange = firewall
			.getFirewalledExchange(MockServerWebExchange.from(MockServerHttpRequest.get("/orders").header("X-Probe", value)))
			.block();
		try {
			exchange.getRequest().getHeaders().get("X-Probe");
			return true;
		}
		catch (ServerExchangeRejectedException ex) {
			return false;
		}
	}

	private static String escaped(String text) {
		StringBuilder out = new StringBuilder();
		text.chars().forEach((c) -> out.append(String.format("\\u%04x", c)));
		return out.toString();
	}

}
