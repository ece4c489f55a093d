package dev.tollgate.filters.edge;

import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Headers through which many upstream frameworks (Express {@code method-override}, Symfony, Google-style APIs) let a
 * caller replace the request method. The gateway routes, authorizes and restricts by the method on the request line,
 * so an override that names another method would have the upstream execute something the gateway never allowed
 * (e.g. a DELETE through a GET-only route). Such requests are refused; an override naming the request's own method
 * is harmless and passes.
 */
final class MethodOverrideHeaders {

	/** The override headers in common use. */
	static final List<String> NAMES = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

	private MethodOverrideHeaders() {
	}

	/** Whether any override header names a method other than {@code method}. */
	static boolean contradict(HttpMethod method, HttpHeaders headers) {
		for (String name : NAMES) {
			List<String> values = headers.get(name);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				if (!value.trim().toUpperCase(Locale.ROOT).equals(method.name())) {
					return true;
				}
			}
		}
		return false;
	}

}
