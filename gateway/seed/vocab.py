"""Word lists for the demo dataset: subjects, their terms, and aspects (English and Chinese)."""

# ruff: noqa: RUF001 - Chinese text uses full-width punctuation on purpose

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Subject:
    name: str
    slug: str
    language: str  # "en" or "zh-CN"
    terms: tuple[str, ...]


def _terms(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "Linear Algebra",
        "linear-algebra",
        "en",
        _terms(
            "Vectors, Matrices, Linear Maps, Determinants, Eigenvalues, Eigenvectors, Rank, "
            "Null Space, Orthogonality, Inner Products, Projections, Gram-Schmidt, "
            "QR Decomposition, LU Decomposition, Singular Values, Diagonalisation, "
            "Change of Basis, Linear Independence, Span, Quadratic Forms"
        ),
    ),
    Subject(
        "Calculus",
        "calculus",
        "en",
        _terms(
            "Limits, Continuity, Derivatives, Chain Rule, Implicit Differentiation, "
            "Related Rates, Extrema, Mean Value Theorem, Integrals, Substitution, "
            "Integration by Parts, Improper Integrals, Sequences, Series, Power Series, "
            "Taylor Polynomials, Partial Derivatives, Gradients, Multiple Integrals, "
            "Differential Equations"
        ),
    ),
    Subject(
        "Algorithms",
        "algorithms",
        "en",
        _terms(
            "Asymptotic Notation, Recursion, Divide and Conquer, Sorting, Binary Search, "
            "Hash Tables, Heaps, Binary Search Trees, Balanced Trees, Graph Traversal, "
            "Shortest Paths, Minimum Spanning Trees, Dynamic Programming, Greedy Algorithms, "
            "Network Flow, String Matching, Amortised Analysis, Randomised Algorithms, "
            "NP-Completeness, Approximation Algorithms"
        ),
    ),
    Subject(
        "Probability",
        "probability",
        "en",
        _terms(
            "Sample Spaces, Events, Conditional Probability, Bayes Theorem, Independence, "
            "Random Variables, Expectation, Variance, Bernoulli Trials, Binomial Distribution, "
            "Poisson Distribution, Normal Distribution, Joint Distributions, Covariance, "
            "Law of Large Numbers, Central Limit Theorem, Markov Chains, Moment Generating "
            "Functions, Estimation, Hypothesis Testing"
        ),
    ),
    Subject(
        "数据结构",
        "data-structures-zh",
        "zh-CN",
        _terms(
            "数组, 链表, 栈, 队列, 哈希表, 二叉树, 二叉搜索树, 平衡树, 红黑树, 堆, 优先队列, "
            "图, 邻接矩阵, 邻接表, 并查集, 字典树, 线段树, 树状数组, 跳表, 布隆过滤器"
        ),
    ),
    Subject(
        "Operating Systems",
        "operating-systems",
        "en",
        _terms(
            "Processes, Threads, Scheduling, Context Switching, System Calls, Interrupts, "
            "Virtual Memory, Paging, Page Replacement, Segmentation, Mutual Exclusion, "
            "Semaphores, Deadlock, File Systems, Journaling, Disk Scheduling, I/O Devices, "
            "Protection, Virtualisation, Containers"
        ),
    ),
    Subject(
        "Databases",
        "databases",
        "en",
        _terms(
            "Relational Model, Relational Algebra, SQL Queries, Joins, Normal Forms, "
            "Functional Dependencies, Indexes, B-Trees, Query Planning, Transactions, "
            "Isolation Levels, Concurrency Control, Write-Ahead Logging, Recovery, "
            "Replication, Partitioning, Column Stores, Key-Value Stores, Graph Databases, "
            "Vector Search"
        ),
    ),
    Subject(
        "Computer Networks",
        "computer-networks",
        "en",
        _terms(
            "Layering, Physical Layer, Framing, Error Detection, Ethernet, Switching, "
            "IP Addressing, Routing, Subnetting, TCP, UDP, Congestion Control, Flow Control, "
            "DNS, HTTP, TLS, Sockets, Wireless Networks, Quality of Service, Network Security"
        ),
    ),
    Subject(
        "Machine Learning",
        "machine-learning",
        "en",
        _terms(
            "Linear Regression, Logistic Regression, Loss Functions, Gradient Descent, "
            "Regularisation, Overfitting, Cross-Validation, Decision Trees, Random Forests, "
            "Boosting, Support Vector Machines, Kernels, Clustering, Dimensionality Reduction, "
            "Neural Networks, Backpropagation, Convolutional Networks, Recurrent Networks, "
            "Attention, Evaluation Metrics"
        ),
    ),
    Subject(
        "高等数学",
        "advanced-math-zh",
        "zh-CN",
        _terms(
            "极限, 连续性, 导数, 微分, 中值定理, 洛必达法则, 泰勒公式, 不定积分, 定积分, "
            "反常积分, 数项级数, 幂级数, 傅里叶级数, 多元函数, 偏导数, 全微分, 重积分, "
            "曲线积分, 曲面积分, 常微分方程"
        ),
    ),
)

# 25 aspects x 20 terms = 500 concepts per subject (5 areas of 100).
ASPECTS_EN: tuple[str, ...] = _terms(
    "definition, intuition, notation, basic properties, worked examples, common mistakes, "
    "proof techniques, special cases, algorithms, complexity, geometric view, "
    "applications, history, generalisations, counterexamples, exercises, "
    "relation to other topics, implementation, numerical issues, visualisation, "
    "advanced theory, open problems, case study, review, assessment"
)
ASPECTS_ZH: tuple[str, ...] = _terms(
    "定义, 直观理解, 记号, 基本性质, 例题, 常见错误, 证明方法, 特殊情形, 算法, 复杂度, "
    "几何意义, 应用, 历史, 推广, 反例, 习题, 与其他主题的联系, 实现, 数值问题, 可视化, "
    "进阶理论, 开放问题, 案例分析, 复习, 测评"
)
AREAS_EN: tuple[str, ...] = (
    "Foundations",
    "Core Methods",
    "Techniques",
    "Applications",
    "Advanced",
)
AREAS_ZH: tuple[str, ...] = ("基础", "核心方法", "技巧", "应用", "进阶")
BLOOM_VERBS: dict[str, tuple[str, ...]] = {
    "remember": ("Recall", "List", "Define"),
    "understand": ("Explain", "Summarise", "Classify"),
    "apply": ("Apply", "Compute", "Use"),
    "analyze": ("Analyse", "Compare", "Differentiate"),
    "evaluate": ("Evaluate", "Justify", "Critique"),
    "create": ("Design", "Construct", "Formulate"),
}
BLOOM_VERBS_ZH: dict[str, str] = {
    "remember": "说出",
    "understand": "解释",
    "apply": "运用",
    "analyze": "分析",
    "evaluate": "评价",
    "create": "设计",
}
SENTENCES_EN: tuple[str, ...] = (
    "{c} is introduced here with a short motivating example from {s}.",
    "We first state {c} precisely and then look at why it matters in practice.",
    "A common mistake is to confuse {c} with a neighbouring idea; the difference is subtle.",
    "The proof of the main result about {c} proceeds by induction on the size of the input.",
    "Exercise: work through {c} by hand on a small case before using software.",
    "In applications, {c} shows up whenever {s} problems grow beyond toy sizes.",
    "Figure {n} illustrates {c} and how it connects to the previous section.",
    "Historically, {c} was developed to answer practical questions in {s}.",
    "To check your understanding of {c}, explain it to a classmate in two sentences.",
    "The running time depends on how {c} is implemented and on the data layout.",
)
SENTENCES_ZH: tuple[str, ...] = (
    "本节通过一个{s}中的例子引入{c}。",
    "我们先给出{c}的严格定义，再讨论它在实际中的意义。",
    "初学者常把{c}与相近的概念混淆，二者的区别很细微。",
    "关于{c}的主要结论可以用数学归纳法证明。",
    "练习：先在小规模的例子上手工计算{c}，再使用软件。",
    "在应用中，当{s}问题的规模变大时就会用到{c}。",
    "图{n}展示了{c}以及它与上一节内容的联系。",
    "{c}最初是为了解决{s}中的实际问题而提出的。",
    "检验你是否理解{c}：用两句话向同学解释它。",
    "算法的运行时间取决于{c}的实现方式和数据的组织方式。",
)
