package org.pujiang.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.data.web.config.EnableSpringDataWebSupport.PageSerializationMode;

/** The API's description at /v3/api-docs and /swagger-ui.html; pages of results in a stable JSON shape. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "浦江信访 API",
		description = "信访人：网上登记、查询办理进度（无需登录）。工作人员：案件检索与案件全貌（HTTP Basic，按岗位授权）。",
		version = "1"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@EnableSpringDataWebSupport(pageSerializationMode = PageSerializationMode.VIA_DTO)
class OpenApiConfiguration {

}
