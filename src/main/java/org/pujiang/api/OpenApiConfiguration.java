package org.pujiang.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.pujiang.operations.DatabaseOutage;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.data.web.config.EnableSpringDataWebSupport.PageSerializationMode;
import org.springframework.util.unit.DataSize;

/** The API's description at /v3/api-docs and /swagger-ui.html; pages of results in a stable JSON shape. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "浦江信访 API",
		description = "信访人：网上登记、查询办理进度（无需登录）。工作人员：案件检索与案件全貌（HTTP Basic，按岗位授权）。",
		version = "1"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@EnableSpringDataWebSupport(pageSerializationMode = PageSerializationMode.VIA_DTO)
class OpenApiConfiguration {

	/** The name of the problem document's schema among the description's components. */
	static final String PROBLEM = "Problem";

	/**
	 * The refusals every operation of the API may answer, described once: bad input (400, the fields named), a body
	 * over the limit (413), nothing under the number in the path (404), no or wrong credentials (401) and a role
	 * without the right (403) where the operation wants a login, and the database out of reach (503, with
	 * Retry-After) — each an RFC 9457 problem document.
	 * What an operation answers besides is described on the operation.
	 */
	@Bean
	OpenApiCustomizer refusals(@Value("${pujiang.api.max-body-size:64KB}") DataSize maxBodySize) {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents().addSchemas(PROBLEM, problemSchema());
			openApi.getPaths()
				.values()
				.forEach((path) -> path.readOperations().forEach((operation) -> refusals(operation, maxBodySize)));
		};
	}

	private static void refusals(Operation operation, DataSize maxBodySize) {
		ApiResponses responses = operation.getResponses();
		boolean input = operation.getRequestBody() != null
				|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
		if (input) {
			responses.putIfAbsent("400", problem("请求内容有误：errors 逐项列出有误的字段（field）及原因（message）"));
		}
		if (operation.getRequestBody() != null) {
			responses.putIfAbsent("413", problem("请求体超过 " + maxBodySize.toKilobytes() + " KB 的上限"));
		}
		if (operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch((parameter) -> "path".equals(parameter.getIn()))) {
			responses.putIfAbsent("404", problem("路径中的编号没有对应的记录"));
		}
		if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
			responses.putIfAbsent("401", problem("未登录，或用户名、密码不符（HTTP Basic）"));
			responses.putIfAbsent("403", problem("所在岗位无权进行此项操作"));
		}
		responses.putIfAbsent("503", problem("系统暂时无法访问数据库，请求未能完成；请在 Retry-After 所示秒数后重试")
			.addHeaderObject("Retry-After", new Header().description("建议的重试等待秒数（" + DatabaseOutage.RETRY_AFTER_SECONDS + "）")
				.schema(new IntegerSchema())));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref(Problems.SCHEMA))));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		ObjectSchema fieldError = new ObjectSchema();
		fieldError.setProperties(Map.of("field", new StringSchema().description("有误的字段，如 petitioner.phone"), "message",
				new StringSchema().description("原因")));
		ObjectSchema problem = new ObjectSchema();
		problem.description("RFC 9457 问题详情");
		problem.addProperty("type", new StringSchema());
		problem.addProperty("title", new StringSchema());
		problem.addProperty("status", new IntegerSchema());
		problem.addProperty("detail", new StringSchema().description("给人看的说明"));
		problem.addProperty("instance", new StringSchema());
		problem.addProperty("errors", new ArraySchema().items(fieldError).description("输入有误时：每个有误的字段"));
		problem.setRequired(List.of("status", "detail"));
		return problem;
	}

}
