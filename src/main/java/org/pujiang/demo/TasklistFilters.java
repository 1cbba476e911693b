package org.pujiang.demo;

import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/** The filters staff see in Tasklist: my tasks, my group's (or unit's) tasks, overdue tasks, all tasks. */
@Component
class TasklistFilters {

	private final FilterService filters;

	private final TaskService tasks;

	TasklistFilters(FilterService filters, TaskService tasks) {
		this.filters = filters;
		this.tasks = tasks;
	}

	void create() {
		filter("我的任务", "已认领、由我办理的任务", -10, this.tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
		filter("本组/本单位待办", "我所在岗位或责任单位的待认领任务", -5,
				this.tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned());
		filter("逾期任务", "已超过办理期限的任务（督办关注）", 0, this.tasks.createTaskQuery().dueBeforeExpression("${now()}"));
		filter("全部任务", "所有进行中的任务", 10, this.tasks.createTaskQuery());
	}

	private void filter(String name, String description, int priority, TaskQuery query) {
		if (this.filters.createFilterQuery().filterName(name).count() > 0) {
			return;
		}
		Filter filter = this.filters.newTaskFilter(name);
		filter.setQuery(query);
		filter.setProperties(Map.of("description", description, "priority", priority, "refresh", true));
		this.filters.saveFilter(filter);
	}

}
