/**
 * SPOE and the haproxy.cfg HTTP rules in Spring WebFlux and Spring Cloud Gateway: Spring Boot
 * auto-configuration from {@code spoe4j.*} properties ({@link io.spoe4j.spring.SpoeProperties}), a
 * gateway filter ({@code filters: - Spoe=NAME}), a global filter and a {@code WebFilter}.
 */
package io.spoe4j.spring;
