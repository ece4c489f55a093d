package dev.tollgate.filters.errors;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.DependencyFailure;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDocumentTests {

	@Test
	void renderWhenCallerFaultThenRfc9457FieldsAndNoStackTrace() {
		String body = ProblemDocument.render(CallerFault.invalidToken("expired", "The token expired."), "orders",
				"abc-123");

		assertThat(body).isEqualTo("{\"type\":\"https://tollgate.dev/problems/expired\",\"title\":\"Unauthorized\","
				+ "\"status\":401,\"detail\":\"The token expired.\",\"route\":\"orders\",\"correlation_id\":\"abc-123\"}");
	}

	@Test
	void renderWhenDependencyFailureThen503WithGenericDetail() {
		String body = ProblemDocument.render(new DependencyFailure("jwks", "timeout", Duration.ofSeconds(5)), "r",
				null);

		assertThat(body).contains("\"status\":503").doesNotContain("jwks").doesNotContain("Exception");
	}

	@Test
	void renderWhenDetailHasQuotesThenValidJsonEscaping() {
		String body = ProblemDocument.render(CallerFault.invalidRequest("x", "a \"quoted\"\nline"), null, null);

		assertThat(body).contains("a \\\"quoted\\\"\\u000aline");
	}

}
