package org.pujiang.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pujiang.PujiangApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;

class AdminPasswordGuardTests {

	@Test
	void shouldRefuseToStartWithoutAnAdministratorPasswordAndSaySo() {
		SpringApplication application = new SpringApplication(PujiangApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatThrownBy(() -> application.run("--camunda.bpm.admin-user.password=",
				"--spring.datasource.url=jdbc:h2:mem:pujiang-guard"))
			.hasMessageContaining("PUJIANG_ADMIN_PASSWORD")
			.hasMessageContaining("no default password");
	}

	@Test
	void shouldLetTheDemoAndAConfiguredPasswordThrough() {
		MockEnvironment demo = new MockEnvironment();
		demo.setActiveProfiles("demo");
		assertThatCode(() -> new AdminPasswordGuard().postProcessEnvironment(demo, null)).doesNotThrowAnyException();
		MockEnvironment production = new MockEnvironment().withProperty(AdminPasswordGuard.PASSWORD, "s3cret");
		assertThatCode(() -> new AdminPasswordGuard().postProcessEnvironment(production, null)).doesNotThrowAnyException();
		MockEnvironment blank = new MockEnvironment().withProperty(AdminPasswordGuard.PASSWORD, " ");
		assertThatThrownBy(() -> new AdminPasswordGuard().postProcessEnvironment(blank, null))
			.isInstanceOf(IllegalStateException.class);
	}

}
