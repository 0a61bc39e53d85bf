"""Textbook-like text written for these tests (no third-party text), in English and Chinese."""

from __future__ import annotations

EN_CHAPTER = """# Linear Equations

## Linear Equations

A *linear equation* is an equation in which every variable appears only to the first power.
For example, 2x + 3y = 6 is a linear equation in two variables.
The *solution* of a linear equation is a set of values that makes the equation true.

$$ax + by = c$$

A linear equation in two variables describes a line in the plane.

## Systems of Linear Equations

A *system of linear equations* is a collection of linear equations that share the same variables.
We call a system with no solution an *inconsistent system*.
A system of linear equations can be written with a *coefficient matrix*.
The coefficient matrix collects the coefficients of every linear equation in the system.

Figure 3 shows two lines that meet in one point.

### Gaussian Elimination

*Gaussian elimination* is a method that solves a system of linear equations by row operations.
Gaussian elimination turns the coefficient matrix into row echelon form.
For instance, subtracting twice the first row from the second row is a row operation.
Each row operation keeps the solution of the system of linear equations unchanged.

```python
def solve(matrix_a, vector_b):
    return gaussian_elimination(matrix_a, vector_b)
```

## Summary

Gaussian elimination solves every system of linear equations that has a solution.
"""

ZH_CHAPTER = """# 线性方程

## 线性方程

*线性方程*（linear equation）是指每个未知数的次数都是一的方程。
例如，2x + 3y = 6 是一个含有两个未知数的线性方程。
使线性方程成立的一组数叫做线性方程的*解*。

$$ax + by = c$$

## 线性方程组

由几个线性方程组成的整体称为*线性方程组*（system of linear equations）。
我们称没有解的线性方程组为*矛盾方程组*。
线性方程组的系数可以排成一个*系数矩阵*（coefficient matrix）。
系数矩阵是由线性方程组中各个线性方程的系数组成的矩阵。

图 3 表示两条直线相交于一点。

### 高斯消元法

*高斯消元法*（Gaussian elimination）是指通过初等行变换求解线性方程组的方法。
高斯消元法把系数矩阵化为行阶梯形矩阵。
比如，把第一行的两倍从第二行中减去就是一次初等行变换。
初等行变换不改变线性方程组的解。

## 小结

高斯消元法可以求解任何有解的线性方程组。
"""

MIXED = """# 所有权 Ownership

所有权（ownership）是 Rust 管理内存的一组规则。
The borrow checker enforces these rules at compile time.
借用（borrowing）是指创建一个引用而不取得所有权。A reference lets you use a value without owning it.
所有权规则保证内存安全。Ownership rules keep memory safe without a garbage collector.
"""

NO_CONCEPTS = "Hello there.\n\nThanks, and see you soon.\n"

# Other languages than ours (written for these tests): documents the job refuses by name
GREEK = (
    "Μια μεταβλητή είναι ένα όνομα που αναφέρεται σε μια τιμή. Μια εντολή εκχώρησης "
    "δημιουργεί νέες μεταβλητές και τους δίνει τιμές.\n\n"
    "Οι συναρτήσεις ομαδοποιούν εντολές που εκτελούν έναν υπολογισμό και μπορούν να "
    "κληθούν ξανά με διαφορετικά ορίσματα.\n\n"
    "Ένας βρόχος επαναλαμβάνει ένα σύνολο εντολών όσο ισχύει μια συνθήκη.\n"
)
SPANISH = (
    "Una variable es un nombre que hace referencia a un valor. Una sentencia de asignación "
    "crea variables nuevas y les da valores.\n\n"
    "Las funciones agrupan sentencias que realizan un cálculo y pueden llamarse de nuevo "
    "con otros argumentos.\n\n"
    "Un bucle repite un conjunto de sentencias mientras se cumple una condición.\n"
)

JAPANESE = (
    "変数は値を指す名前です。代入文は新しい変数を作り、その変数に値を与えます。\n\n"
    "関数は計算を行う文をまとめたもので、別の引数を渡してもう一度呼び出すことができます。\n\n"
    "ループは条件が成り立っている間、同じ文の並びを何度も繰り返して実行します。\n"
)
