package dev.tollgate.devauth;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First filter of the dev server: counts JWKS, token and introspection requests (tests assert "one STS call" and "bounded JWKS
 * fetches" with these) and hides the metadata documents when the settings say so.
 */
final class DevEndpointFilter extends OncePerRequestFilter {

	static final String TOKEN_PATH = "/oauth2/token";
	static final String JWKS_PATH = "/oauth2/jwks";
	static final String INTROSPECTION_PATH = "/oauth2/introspect";
	static final String REVOCATION_PATH = "/oauth2/revoke";
	static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private final AtomicInteger jwksRequests = new AtomicInteger();
	private final AtomicInteger tokenRequests = new AtomicInteger();
	private final AtomicInteger tokenExchangeRequests = new AtomicInteger();
	private final AtomicInteger introspectionRequests = new AtomicInteger();
	private final boolean exposeMetadata;

	DevEndpointFilter(boolean exposeMetadata) {
		this.exposeMetadata = exposeMetadata;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		if (!this.exposeMetadata && path.startsWith("/.well-known/")) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		if (JWKS_PATH.equals(path)) {
			this.jwksRequests.incrementAndGet();
		}
		else if (INTROSPECTION_PATH.equals(path)) {
			this.introspectionRequests.incrementAndGet();
		}
		else if (TOKEN_PATH.equals(path) && "POST".equals(request.getMethod())) {
			this.tokenRequests.incrementAndGet();
			// Reading the form parameter is safe: the servlet container caches the parsed body for later filters.
			if (TOKEN_EXCHANGE.equals(request.getParameter("grant_type"))) {
				this.tokenExchangeRequests.incrementAndGet();
			}
		}
		chain.doFilter(request, response);
	}

	int jwksRequests() {
		return this.jwksRequests.get();
	}

	int tokenRequests() {
		return this.tokenRequests.get();
	}

	int tokenExchangeRequests() {
		return this.tokenExchangeRequests.get();
	}

	int introspectionRequests() {
		return this.introspectionRequests.get();
	}

	void reset() {
		this.introspectionRequests.set(0);
		this.jwksRequests.set(0);
		this.tokenRequests.set(0);
		this.tokenExchangeRequests.set(0);
	}

}
