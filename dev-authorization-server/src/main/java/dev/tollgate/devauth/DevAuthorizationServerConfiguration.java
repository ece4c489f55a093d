package dev.tollgate.devauth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

/**
 * The dev server's whole Spring configuration. Deliberately free of Boot auto-configuration: it runs inside other
 * applications (the reactive gateway, test JVMs), and auto-configuration would pick up whatever their classpath
 * holds. Deliberately not a {@code @Configuration}/{@code @Component} either (its {@code @Bean} methods run in
 * "lite" mode), so no component scan of a host, even one of all of {@code dev.tollgate}, can pick it up; and it is
 * not listed in any {@code AutoConfiguration.imports}. Only {@link DevAuthorizationServer} registers it.
 */
@EnableWebSecurity
class DevAuthorizationServerConfiguration {

	@Bean
	TomcatServletWebServerFactory devAuthorizationServerWebServerFactory(DevServerState state)
			throws UnknownHostException {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(state.port());
		factory.setAddress(InetAddress.getByName(state.settings().bindAddress()));
		// Bind when started and release the socket when stopped, so stopServing() refuses connections and
		// resumeServing() can take the same port again.
		factory.addConnectorCustomizers(connector -> connector.setProperty("bindOnInit", "false"));
		if (state.settings().mutualTls() != null) {
			factory.addAdditionalConnectors(mutualTlsConnector(state));
		}
		// Error pages without stack traces or server version.
		factory.addContextCustomizers(context -> {
			ErrorReportValve errorReport = new ErrorReportValve();
			errorReport.setShowReport(false);
			errorReport.setShowServerInfo(false);
			context.getParent().getPipeline().addValve(errorReport);
		});
		return factory;
	}

	/**
	 * A second, HTTPS connector that asks for client certificates without requiring them ({@code want}): Tomcat
	 * checks a presented chain against the bundle's trust store and hands it to Spring Authorization Server as
	 * the {@code jakarta.servlet.request.X509Certificate} request attribute. The plain-HTTP connector stays, so
	 * the issuer, JWKS and metadata URIs do not change.
	 */
	private static Connector mutualTlsConnector(DevServerState state) throws UnknownHostException {
		Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		connector.setPort(state.mutualTlsPort());
		((AbstractProtocol<?>) connector.getProtocolHandler())
			.setAddress(InetAddress.getByName(state.settings().bindAddress()));
		connector.setProperty("bindOnInit", "false");
		new SslConnectorCustomizer(LogFactory.getLog(DevAuthorizationServer.class), connector, Ssl.ClientAuth.WANT)
			.customize(state.settings().mutualTls(), Map.of());
		return connector;
	}

	@Bean
	FilterRegistrationBean<DevEndpointFilter> devEndpointFilterRegistration(DevServerState state) {
		FilterRegistrationBean<DevEndpointFilter> registration = new FilterRegistrationBean<>(state.endpointFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	ServletRegistrationBean<HttpServlet> devNotFoundServlet() {
		// Every endpoint is a filter, but Tomcat runs filters only for a request mapped to some servlet: this one
		// answers 404 for whatever the filters leave alone (no static resources, no Spring MVC).
		HttpServlet notFound = new HttpServlet() {
			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
			}
		};
		return new ServletRegistrationBean<>(notFound, "/");
	}

	@Bean
	DelegatingFilterProxyRegistrationBean devSecurityFilterRegistration() {
		// What Boot's SecurityFilterAutoConfiguration would do; this context uses no auto-configuration.
		DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
				AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	SecurityFilterChain devAuthorizationServerFilterChain(HttpSecurity http, DevServerState state) throws Exception {
		http.oauth2AuthorizationServer(server -> server.registeredClientRepository(clients(state.settings()))
			.authorizationService(state.authorizationService())
			.authorizationServerSettings(AuthorizationServerSettings.builder().issuer(state.issuer()).build())
			.authorizationServerMetadataEndpoint(metadata -> metadata
				.authorizationServerMetadataCustomizer(builder -> mutualTlsAliases(state, builder::claim)))
			.oidc(oidc -> oidc.providerConfigurationEndpoint(configuration -> configuration
				.providerConfigurationCustomizer(builder -> mutualTlsAliases(state, builder::claim)))))
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
		return http.build();
	}

	@Bean
	DevSigningKeys devSigningKeys(DevServerState state) {
		// Exposed as the JWKSource bean: the JWKS endpoint, OIDC and the JWT encoder look it up by type.
		return state.keys();
	}

	// The two customizers are beans, not set on a token generator of our own: Spring Authorization Server then
	// builds the generators and runs its default customizer first, which sets cnf (x5t#S256 for a mutual-TLS
	// client, jkt for a DPoP proof), and ours after it.
	@Bean
	AccessTokenJwtCustomizer devAccessTokenJwtCustomizer(DevServerState state) {
		return new AccessTokenJwtCustomizer(state.keys());
	}

	@Bean
	ReferenceTokenClaimsCustomizer devReferenceTokenClaimsCustomizer() {
		return new ReferenceTokenClaimsCustomizer();
	}

	@Bean
	PasswordEncoder devClientSecretEncoder() {
		return new PlainSecretEncoder();
	}

	@Bean
	JwtDecoder devJwtDecoder(DevServerState state) {
		// OIDC's user-info endpoint requires one; tokens of this server verify against its own keys.
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(state.keys());
	}

	/**
	 * RFC 8705 §5 {@code mtls_endpoint_aliases}: where a client authenticating with its certificate sends its
	 * requests. Spring Authorization Server has no setting for it, so it is added as a plain metadata claim.
	 */
	private static void mutualTlsAliases(DevServerState state, BiConsumer<String, Object> claim) {
		if (state.settings().mutualTls() == null) {
			return;
		}
		String base = state.mutualTlsBaseUri();
		Map<String, String> aliases = new LinkedHashMap<>();
		aliases.put("token_endpoint", base + DevEndpointFilter.TOKEN_PATH);
		aliases.put("introspection_endpoint", base + DevEndpointFilter.INTROSPECTION_PATH);
		aliases.put("revocation_endpoint", base + DevEndpointFilter.REVOCATION_PATH);
		claim.accept("mtls_endpoint_aliases", aliases);
	}

	private static RegisteredClientRepository clients(DevAuthorizationServerSettings settings) {
		List<RegisteredClient> clients = settings.clients().stream().map(DevAuthorizationServerConfiguration::client)
			.toList();
		return new DevClientRepository(clients);
	}

	private static RegisteredClient client(DevClient client) {
		ClientSettings.Builder settings = ClientSettings.builder()
			.setting(TokenPolicy.DEFAULT_AUDIENCE, client.defaultAudience())
			.setting(TokenPolicy.SIGNING_ALGORITHM, client.algorithm().name());
		RegisteredClient.Builder builder = RegisteredClient.withId(client.clientId()).clientId(client.clientId());
		switch (client.authenticationMethod()) {
			case PRIVATE_KEY_JWT -> {
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
				settings.jwkSetUrl(client.clientJwksUri())
					.tokenEndpointAuthenticationSigningAlgorithm(
							SignatureAlgorithm.from(client.clientAssertionAlgorithm().name()));
			}
			case TLS_CLIENT_AUTH -> {
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.TLS_CLIENT_AUTH);
				settings.x509CertificateSubjectDN(client.certificateSubjectDn());
			}
			case SELF_SIGNED_TLS_CLIENT_AUTH -> {
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH);
				settings.jwkSetUrl(client.clientJwksUri());
			}
			case CLIENT_SECRET -> builder.clientSecret(client.secret())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		builder.scopes(scopes -> scopes.addAll(client.scopes()))
			.clientSettings(settings.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat((client.tokenFormat() == DevClient.TokenFormat.REFERENCE)
						? OAuth2TokenFormat.REFERENCE : OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(client.tokenTtl())
				// RFC 8705 §3: Spring Authorization Server binds the token to the certificate the client presented.
				.x509CertificateBoundAccessTokens(client.mutualTls())
				.build());
		for (DevClient.GrantType grantType : client.grantTypes()) {
			builder.authorizationGrantType((grantType == DevClient.GrantType.TOKEN_EXCHANGE)
					? AuthorizationGrantType.TOKEN_EXCHANGE : AuthorizationGrantType.CLIENT_CREDENTIALS);
		}
		return builder.build();
	}

}
