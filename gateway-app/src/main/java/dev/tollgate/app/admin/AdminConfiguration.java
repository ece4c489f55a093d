package dev.tollgate.app.admin;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.usage.UsageStore;
import dev.tollgate.filters.authn.apikey.ApiKeyProperties;

/**
 * The {@code apikeys} actuator endpoint and the admin-token guard, present only when {@code tollgate.admin.token} is
 * set (it must also be listed in {@code management.endpoints.web.exposure.include}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("tollgate.admin.token")
@EnableConfigurationProperties(AdminProperties.class)
public class AdminConfiguration {

	@Bean
	public AdminTokenWebFilter tollgateAdminTokenWebFilter(AdminProperties properties,
			@Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
		properties.validate();
		return new AdminTokenWebFilter(properties.getToken(), basePath);
	}

	@Bean
	public ApiKeysEndpoint tollgateApiKeysEndpoint(ApiKeyLifecycle lifecycle, ApiKeyStore store, UsageStore usage,
			ApiKeyProperties apiKeys, ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		return new ApiKeysEndpoint(new ApiKeyAdmin(lifecycle, store, usage, time), time, apiKeys.getReportDays());
	}

}
