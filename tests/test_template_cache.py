"""Compiled templates are kept for the life of the process (generator/incremental/cache.py,
TemplateCache): the second language, a rebuild by `serve` and another project with the same
templates compile nothing, yet an error still names the file of the project being built."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
import pytest

from generator.engine import template_problem
from generator.incremental.cache import Cache
from generator.incremental.templates import TemplateCache
from tests.conftest import run
from tests.support import make_project


def _environment(folder: Path, cache: Cache) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), undefined=jinja2.StrictUndefined,
                              bytecode_cache=TemplateCache(cache))


def test_code_compiled_for_one_project_names_the_other_projects_file(tmp_path, monkeypatch):
    for name in ("a", "b"):
        (tmp_path / name / "templates").mkdir(parents=True)
        (tmp_path / name / "templates" / "page.html").write_text(
            "{% macro row(x) %}{{ x.missing }}{% endmacro %}\nfirst line\n{{ row(value) }}\n", encoding="utf-8")
    first = _environment(tmp_path / "a/templates", Cache(tmp_path / "a", enabled=False))
    first.get_template("page.html")
    compiled = []
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda *args, **kwargs: compiled.append(args) or pytest.fail("compiled again"))
    folder = tmp_path / "b/templates"
    template = _environment(folder, Cache(tmp_path / "b", enabled=False)).get_template("page.html")
    assert template.filename == str(folder / "page.html")
    with pytest.raises(jinja2.UndefinedError) as raised:
        template.render(value={})
    problem = template_problem(raised.value, folder)
    assert (problem.file, problem.line) == ("templates/page.html", 1)
    assert all("/a/" not in frame.filename for frame in traceback.extract_tb(raised.value.__traceback__))
    assert compiled == []


def test_an_edited_template_is_compiled_again(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    page = folder / "page.html"
    page.write_text("one", encoding="utf-8")
    assert _environment(folder, Cache(tmp_path, enabled=False)).get_template("page.html").render() == "one"
    page.write_text("two", encoding="utf-8")
    assert _environment(folder, Cache(tmp_path, enabled=False)).get_template("page.html").render() == "two"


def test_a_second_build_in_one_process_compiles_no_template(tmp_path, monkeypatch):
    first = make_project(tmp_path / "first")
    assert run(first, "--quiet", "--no-cache").exit_code == 0
    second = make_project(tmp_path / "second")
    real, compiled = jinja2.Environment.compile, []
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, name=None, *rest, **kw: compiled.append(name) or real(self, source, name, *rest, **kw))
    result = run(second, "--quiet", "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert compiled == []
    assert not (second / ".cache").exists()
    (second / "templates/base.html").write_text(
        (second / "templates/base.html").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run(second, "--quiet", "--no-cache").exit_code == 0
    assert compiled == ["base.html"]


def test_the_translation_function_makes_no_context_in_a_loop_and_escapes_what_it_is_given(monkeypatch):
    """`_` (render._gettext) asks Jinja for no context: Jinja gives a function that asks for one,
    called in a loop or block that sets a variable, a new copy of the page's context at every
    call (a quarter of a million at 200 documents). What it returns is Jinja's new-style gettext: a value put into the
    translation is escaped, the translation is not, and `%%` is one `%`."""
    from generator.render import _gettext
    env = jinja2.Environment(autoescape=True)
    env.globals["_"] = _gettext({"Figure: %(id)s": "<i>Số liệu</i>: %(id)s", "100%% done": "xong 100%%"})
    derived = []
    monkeypatch.setattr(jinja2.runtime.Context, "derived", lambda *args: derived.append(args) or pytest.fail("derived"))
    page = env.from_string("{% for i in [1, 2] %}{% set n = i %}{{ _('Figure: %(id)s', id='<b>') }} "
                           "{{ _('100%% done') }};{% endfor %}").render()
    assert page == "<i>Số liệu</i>: &lt;b&gt; xong 100%;" * 2
    assert derived == []


def test_the_site_s_context_calls_plain_functions_directly_and_the_rest_as_jinja_does(monkeypatch):
    """render.Context calls a plain function or method without asking it whether it wants the
    context; a function that does (`pass_context`) and a macro still get what Jinja gives them,
    and a callable that raises StopIteration is undefined, as with Jinja's own context."""
    from generator.render import Context

    class Helper:
        def twice(self, value):
            return value * 2

    asked = []
    monkeypatch.setattr(jinja2.utils._PassArg, "from_obj",
                        classmethod(lambda cls, obj: asked.append(obj) or getattr(obj, "jinja_pass_arg", None)))
    env = jinja2.Environment(autoescape=True)
    env.context_class = Context

    def stop():
        raise StopIteration
    template = env.from_string("{% macro m(x) %}<{{ x }}>{% endmacro %}{% set v = 1 %}"
                               "{{ plain(2) }} {{ helper.twice(3) }} {{ who() }} {{ m(4) }} [{{ stop() }}]")
    page = template.render(plain=lambda value: value + 1, helper=Helper(), stop=stop,
                           who=jinja2.pass_context(lambda context: context["v"]))
    assert page == "3 6 1 <4> []"
    assert {getattr(obj, "__name__", None) for obj in asked} == {"<lambda>", "__call__"}  # who, and the macro
