package org.pujiang.security;

import jakarta.servlet.Filter;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may knock on which door. The public petition API is open; the staff API wants HTTP Basic with a Camunda
 * user; the engine's REST API authenticates through Camunda's own filter so that the engine's authorizations
 * apply to the caller; the webapps (Tasklist, Cockpit, Admin) keep their own login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems) throws Exception {
		return http.securityMatcher("/api/**", "/audit/**", "/oversight/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/api/staff/**", "/api/audit/**", "/audit/**", "/api/oversight/**", "/oversight/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/** The webapps and the engine's REST API bring their own authentication; everything else is public. */
	@Bean
	@Order(2)
	SecurityFilterChain otherSecurity(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers.frameOptions((frames) -> frames.sameOrigin()))
			.requestCache((cache) -> cache.disable())
			.securityContext(Customizer.withDefaults())
			.build();
	}

	/** HTTP Basic for /engine-rest against Camunda's users; the engine then checks authorizations per call. */
	@Bean
	FilterRegistrationBean<Filter> engineRestAuthentication() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
		registration.setName("engine-rest-authentication");
		registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
		registration.addUrlPatterns("/engine-rest/*");
		return registration;
	}

}
