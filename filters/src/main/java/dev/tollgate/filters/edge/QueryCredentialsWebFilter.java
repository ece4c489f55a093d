package dev.tollgate.filters.edge;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.errors.ErrorResponder;

/**
 * Refuses, with 400 {@code invalid_request}, any request whose query string carries a credential
 * ({@link QueryCredentials}), on every route, public ones included, and on the gateway's own endpoints: a key in a
 * URL ends up in the access logs of every hop and in browser histories, whoever was meant to read it.
 */
public final class QueryCredentialsWebFilter implements WebFilter, Ordered {

	/** After the inbound headers are settled, so the answer carries the request's correlation id. */
	public static final int ORDER = InboundHeadersWebFilter.ORDER + 1;

	private final QueryCredentials credentials;

	private final ErrorResponder responder;

	public QueryCredentialsWebFilter(QueryCredentials credentials, ErrorResponder responder) {
		this.credentials = credentials;
		this.responder = responder;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.credentials.carriesCredential(exchange.getRequest().getURI().getRawQuery())) {
			return this.responder.reject(exchange, InboundHeadersWebFilter.NO_ROUTE, InboundHeadersWebFilter.STAGE,
					refusal());
		}
		return chain.filter(exchange);
	}

	/** The one answer for a credential in the query, here and in the authenticate stage. */
	public static CallerFault refusal() {
		return CallerFault.invalidRequest("credential_in_query",
				"Credentials are not accepted in the query string; send them in a header.");
	}

}
