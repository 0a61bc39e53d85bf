# ruff: noqa: RUF001, RUF002 - Chinese text and page ranges use full-width punctuation and dashes
"""The words around the course in an export, in the course language."""

from __future__ import annotations

from jobs.planning.wording import in_script, is_chinese

EN = {
    "audience": "Audience",
    "level": "Level",
    "duration": "Duration",
    "weeks": "{n} weeks",
    "hours_per_week": "{n} hours a week",
    "comma": ", ",
    "colon": ": ",
    "total": "Planned time",
    "objectives": "Learning objectives",
    "prerequisites": "Prerequisites",
    "prerequisites_intro": "Learners should know these before the course starts:",
    "schedule": "Weekly schedule",
    "week": "Week",
    "week_n": "Week {n}",
    "topics": "Topics",
    "time": "Time",
    "assessment": "Assessment",
    "assessments": "Assessments",
    "map": "Prerequisite map",
    "map_intro": "An arrow points from a concept to one that builds on it; "
    "a dashed arrow is advised, not required.",
    "concept": "Concept",
    "minutes": "Minutes",
    "bloom": "Bloom level",
    "pages": "Pages",
    "requires": "Builds on",
    "type": "Type",
    "title": "Title",
    "weight": "Weight",
    "description": "Description",
    "resources": "Resources",
    "week_objectives": "Objectives this week",
    "no_concepts": "Review and catch-up.",
    "p": "p. ",
    "min": "{n} min",
    "h": "{n} h",
    "h_min": "{h} h {m} min",
    "beginner": "beginner",
    "intermediate": "intermediate",
    "advanced": "advanced",
    "remember": "remember",
    "understand": "understand",
    "apply": "apply",
    "analyze": "analyse",
    "evaluate": "evaluate",
    "create": "create",
    "quiz": "quiz",
    "exercise": "exercise",
    "project": "project",
    "exam": "exam",
    "questions": "Self-assessment questions",
    "answer_key": "Answer key",
}
ZH = {
    "audience": "适用对象",
    "level": "难度",
    "duration": "时长",
    "weeks": "{n}周",
    "hours_per_week": "每周{n}小时",
    "comma": "，",
    "colon": "：",
    "total": "计划学时",
    "objectives": "学习目标",
    "prerequisites": "先修要求",
    "prerequisites_intro": "开课前，学习者应已掌握：",
    "schedule": "每周安排",
    "week": "周次",
    "week_n": "第{n}周",
    "topics": "主题",
    "time": "时间",
    "assessment": "考核",
    "assessments": "考核方式",
    "map": "先修关系图",
    "map_intro": "箭头从一个概念指向以它为基础的概念；虚线表示建议先学，而非必须。",
    "concept": "概念",
    "minutes": "分钟",
    "bloom": "认知层次",
    "pages": "页码",
    "requires": "基础",
    "type": "类型",
    "title": "名称",
    "weight": "权重",
    "description": "说明",
    "resources": "学习资料",
    "week_objectives": "本周目标",
    "no_concepts": "复习与巩固。",
    "p": "第",
    "min": "{n}分钟",
    "h": "{n}小时",
    "h_min": "{h}小时{m}分钟",
    "beginner": "初级",
    "intermediate": "中级",
    "advanced": "高级",
    "remember": "记忆",
    "understand": "理解",
    "apply": "应用",
    "analyze": "分析",
    "evaluate": "评价",
    "create": "创造",
    "quiz": "测验",
    "exercise": "练习",
    "project": "项目",
    "exam": "考试",
    "questions": "自测题",
    "answer_key": "参考答案",
}


class Labels:
    """`language`: the course's, or `wording.TRADITIONAL` for a Chinese course written in
    Traditional characters (`wording.traditional_wording`), whose labels are so too."""

    def __init__(self, language: str) -> None:
        self.zh = is_chinese(language)
        self._language = language
        self._words = ZH if self.zh else EN

    def __call__(self, name: str, **values: object) -> str:
        """The label; an unknown name (a stored value we have no word for) as it is."""
        word = self._words.get(name)
        return in_script(self._language, word).format(**values) if word is not None else name

    def pages(self, ranges: tuple[tuple[int, int], ...]) -> str:
        """((1, 3), (7, 7)) -> "p. 1–3, 7" / "第1–3、7页"."""
        parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in ranges]
        if not parts:
            return ""
        if self.zh:
            # (the words converted, not the numbers: `in_script` caches what it converts)
            return in_script(self._language, "第{pages}页").format(pages="、".join(parts))
        return "p. " + ", ".join(parts)

    def hours(self, minutes: int | None) -> str:
        """150 -> "2 h 30 min" / "2小时30分钟"; nothing for no time."""
        if not minutes:
            return ""
        hours, rest = divmod(minutes, 60)
        if not hours:
            return self("min", n=rest)
        return self("h_min", h=hours, m=rest) if rest else self("h", n=hours)
