"""python -m serp_core generate|resume|baseline|experiment|reward|trace: the engine on a terminal.

Errors a user can cause (empty query, unknown backend, unreachable endpoint) end with one
line on stderr and a non-zero exit; no traceback (a bug's goes to the data dir's log).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from . import grid
from .baseline import baseline_run
from .experiments.catalog import EXPERIMENTS, get
from .experiments.experiment import experiment_bar, run_experiment
from .experiments.judgements import Judgements
from .experiments.judges import JudgeSetup, judges, open_judge
from .experiments.query_sets import resolve, select
from .experiments.report import write_report
from .export import write_run
from .llm import ChatModel, ModelUnavailable, make_model
from .pipeline.run import generate, new_run
from .pipeline.score import scorers
from .prompts import PromptSet
from .redo import redo
from .render.screenshot import Screenshots
from .reward import default_model_dir, evaluate, train
from .schema import (
    CandidatePopulated,
    ErrorEvent,
    Event,
    Final,
    LayoutProposed,
    PolishStep,
    Reasoning,
    Run,
    RunConfig,
    Scored,
    SearchSource,
    StageEnd,
    StageStart,
    ToolCall,
    ToolResult,
    Vertical,
)
from .search.base import SearchTool
from .search.providers import CORPUS, provider_label
from .settings import load_settings
from .store import record
from .traces import cost, otlp
from .traces import read as trace_read
from .traces.cost import PriceTable
from .workspace import Workspace

log = logging.getLogger(__name__)
EXIT_FAILED = 1  # the run could not complete (model unreachable, ...)
EXIT_USAGE = 2  # the command line or the query is unusable


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + error
        self.exit(EXIT_USAGE, f"genserp: error: {message}\n")


def _int_in(lo: int, hi: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"must be between {lo} and {hi}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m serp_core", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    gen = sub.add_parser("generate", help="compose a results page for a query with a model")
    gen.add_argument("query")
    gen.add_argument("--backend", choices=["local", "openai"], default=None,
                     help="default: openai when a key or base URL is configured, else local")
    gen.add_argument("--beam", type=_int_in(1, 8), default=3,
                     help="layout candidates developed side by side (1 = greedy)")
    gen.add_argument("--mode", choices=["coarse-to-fine", "single-step"],
                     default="coarse-to-fine")
    gen.add_argument("--scorer", choices=scorers.names(), default="auto",
                     help="auto: the model on an endpoint, a blend of the model, the page "
                     "metrics and the learned reward (when trained) on the embedded model; "
                     "reward: the learned page reward (train it with `reward train`); "
                     "vision: the model looks at each page's screenshot (an endpoint with a "
                     "vision model), vision-marks: with each block labelled on it")
    gen.add_argument("--reward-model", type=Path, default=None,
                     help="the reward model for the reward and auto scorers (default: "
                     "<data dir>/reward)")
    gen.add_argument("--theta", type=_int_in(0, 10), default=7,
                     help="confidence (0-10) at which a layout stops being refined")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--writing", choices=["auto", "free", "choices"], default="auto",
                     help="how the intent and the chat answer are made: free (written, then "
                     "checked against the sources), choices (numbered options: goals, the "
                     "sources' sentences), auto (choices on the embedded model, free on an "
                     "endpoint)")
    gen.add_argument("--model", default=None, help="model name for the openai backend")
    gen.add_argument("--base-url", default=None, help="an OpenAI-compatible endpoint")
    gen.add_argument("--out", type=Path, default=None, help="write result.json and pages here")
    gen.add_argument("--data-dir", type=Path, default=None, help="where runs are stored")
    gen.add_argument("--quiet", action="store_true", help="print only the summary")

    res = sub.add_parser("resume", help="redo an interrupted or failed run as a new run: the "
                         "same query, configuration and prompt version")
    res.add_argument("run_id")
    res.add_argument("--base-url", default=None, help="an OpenAI-compatible endpoint")
    res.add_argument("--out", type=Path, default=None, help="write result.json and pages here")
    res.add_argument("--data-dir", type=Path, default=None, help="where runs are stored")
    res.add_argument("--quiet", action="store_true", help="print only the summary")

    base = sub.add_parser("baseline", help="the rule-based template page for a query")
    base.add_argument("query")
    base.add_argument("--out", type=Path, required=True)
    base.add_argument("--data-dir", type=Path, default=None)

    exp = sub.add_parser("experiment", help="one of the paper's Section 5 analyses over a "
                         "query set: runs (resumable), statistics, plots")
    exp.add_argument("name", choices=list(EXPERIMENTS))
    exp.add_argument("--queries", default="bundled",
                     help="'bundled' (4 verticals x 50) or a CSV file with a query column")
    exp.add_argument("--n", type=_int_in(1, 10_000), default=20,
                     help="a seeded sample of this many queries, stratified by vertical")
    exp.add_argument("--vertical", action="append", choices=[str(v) for v in Vertical],
                     help="only these verticals (repeatable)")
    exp.add_argument("--backend", choices=["local", "openai"], default=None)
    exp.add_argument("--model", default=None, help="model name for the openai backend")
    exp.add_argument("--base-url", default=None, help="an OpenAI-compatible endpoint")
    exp.add_argument("--beam", type=_int_in(1, 8), default=3, help="beam of the GenSERP arm")
    exp.add_argument("--seed", type=int, default=0, help="sample and run seed")
    exp.add_argument("--concurrency", type=_int_in(1, 64), default=None,
                     help="runs at a time (default: 1 on the local model, 4 on an endpoint)")
    exp.add_argument("--out", type=Path, default=None,
                     help="where summary.json and the plots go (default: the data dir's "
                     "experiments/NAME)")
    exp.add_argument("--no-png", action="store_true", help="HTML plots only")
    exp.add_argument("--judge", action="append", default=[],
                     choices=[n for n in judges.names() if n != "model"],
                     help="judged experiments: this judge judges too, beside the model on "
                     "the pages' descriptions (repeatable): vision (the model on both pages' "
                     "screenshots), reward (the learned page reward)")
    exp.add_argument("--reward-judge", action="store_true", help="the same as --judge reward")
    exp.add_argument("--data-dir", type=Path, default=None)

    rw = sub.add_parser("reward", help="the learned page reward (PageLLM): train it on "
                        "simulated clicks, or evaluate a saved one")
    rw.add_argument("action", choices=["train", "eval"])
    rw.add_argument("--queries", default="bundled",
                    help="'bundled' or a CSV file with a query column (split by query into "
                    "train / validation / test)")
    rw.add_argument("--sessions", type=_int_in(1, 1000), default=20,
                    help="simulated sessions per training page")
    rw.add_argument("--seed", type=int, default=0)
    rw.add_argument("--reward-model", type=Path, default=None,
                    help="eval: the model.json or its folder (default: <data dir>/reward)")
    rw.add_argument("--out", type=Path, default=None,
                    help="where model.json, pairs.jsonl and summary.json go "
                    "(default: <data dir>/reward)")
    rw.add_argument("--data-dir", type=Path, default=None)

    tr = sub.add_parser("trace", help="a stored run's model calls: the list, one call whole, "
                        "JSON lines or OpenTelemetry spans")
    tr.add_argument("run_id")
    tr.add_argument("--call", type=_int_in(0, 100_000), default=None,
                    help="show this call whole: its messages and raw reply")
    tr.add_argument("--json", action="store_true", help="write the calls as JSON lines")
    tr.add_argument("--otlp", type=Path, default=None,
                    help="write the run's trace as an OTLP JSON file (OpenTelemetry spans)")
    tr.add_argument("--data-dir", type=Path, default=None)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    ws = None
    try:
        settings = load_settings({"backend": getattr(args, "backend", None),
                                  "model": getattr(args, "model", None),
                                  "base_url": getattr(args, "base_url", None),
                                  "data_dir": args.data_dir})
        ws = Workspace.open(settings)
        if args.command == "baseline":
            return _baseline(ws, args)
        if args.command == "experiment":
            return _experiment(ws, args)
        if args.command == "reward":
            return _reward(ws, args)
        if args.command == "trace":
            return _trace(ws, args)
        if args.command == "resume":
            return _resume(ws, args)
        return _generate(ws, args)
    except (ValueError, ModelUnavailable, OSError) as e:  # BadQuery, settings: ValueErrors
        print(f"genserp: error: {e}", file=sys.stderr)
        return EXIT_USAGE if isinstance(e, ValueError) else EXIT_FAILED
    except KeyboardInterrupt:  # the run stays as it was: the next start marks it interrupted
        print("genserp: stopped", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: one line here, the traceback in the log
        log.exception("genserp %s failed", args.command)
        where = f" (details in {ws.settings.data_dir / 'genserp.log'})" if ws else ""
        print(f"genserp: error: internal error: {type(e).__name__}{where}", file=sys.stderr)
        return EXIT_FAILED


def _baseline(ws: Workspace, args: argparse.Namespace) -> int:
    run = baseline_run(args.query, ws.search)
    ws.store.save(run)
    result = write_run(run, args.out)
    print(f"template page for “{run.query}” ({run.vertical}): {args.out / 'best.html'}")
    print(f"result: {result}")
    return 0


def _generate(ws: Workspace, args: argparse.Namespace) -> int:
    settings = ws.settings
    backend = settings.resolved_backend
    reward = args.reward_model or default_model_dir(settings.data_dir)
    config = RunConfig(backend=backend, beam=args.beam, mode=args.mode, scorer=args.scorer,
                       theta=args.theta, seed=args.seed, writing=args.writing,
                       reward_model=str(reward))
    prompts = PromptSet.load()
    run = new_run(args.query, config, search=ws.search, prompts=prompts)
    return _execute(ws, args, run, make_model(settings), prompts, ws.search)


def _resume(ws: Workspace, args: argparse.Namespace) -> int:
    """The run again, as a new run, on the backend and model it had (the endpoint and key
    are today's settings'); the tools it called answer as they did for it."""
    old = ws.store.get(args.run_id)
    run, prompts = redo(ws.store, args.run_id, ws.settings.prompts_dir)
    update: dict = {"backend": run.config.backend}
    if run.config.backend == "openai" and run.config.model:
        update["model"] = run.config.model
    model = make_model(ws.settings.model_copy(update=update))
    print(f"redoing run {args.run_id} as run {run.id}", flush=True)
    return _execute(ws, args, run, model, prompts,
                    ws.search.replaying(old.sources if old else {}))


def _execute(ws: Workspace, args: argparse.Namespace, run: Run, model: ChatModel,
             prompts: PromptSet,
             search: SearchTool) -> int:
    settings = ws.settings
    printer = _Printer(sys.stdout, quiet=args.quiet)
    final = None
    events = generate(run, model=model, search=search, prompts=prompts,
                      screenshots=Screenshots.beside(ws.store.path))
    for event in record(ws.store, run, events):
        printer.show(event)
        if isinstance(event, Final):
            final = event.run
    assert final is not None
    if final.status != "done":
        print(f"genserp: error: {final.error}", file=sys.stderr)
        return EXIT_FAILED
    out = args.out or settings.data_dir / "out" / final.id
    result = write_run(final, out)
    ws.store.save(final)  # now with the html paths
    printer.summary(final, out, result, PriceTable(ws.store.db).all())
    return 0


def _experiment(ws: Workspace, args: argparse.Namespace) -> int:
    experiment = get(args.name)
    queries = select(resolve(args.queries), verticals=args.vertical, n=args.n, seed=args.seed)
    settings = ws.settings
    backend = settings.resolved_backend
    model = make_model(settings)
    concurrency = args.concurrency or (1 if backend == "local" else 4)
    base = RunConfig(backend=backend, beam=args.beam, seed=args.seed)
    out = args.out or settings.experiments_dir / experiment.name
    print(f"{experiment.paper} · {experiment.title}: {len(queries)} queries x "
          f"{len(experiment.arms)} arm(s) on {model.name}, {concurrency} at a time")
    prompts = PromptSet.load()
    setup = JudgeSetup(model=model, prompts=prompts, verdicts=Judgements(ws.store.db),
                       reward_model=str(default_model_dir(settings.data_dir)),
                       screenshots=Screenshots.beside(ws.store.path))
    names = dict.fromkeys([*args.judge, *(["reward"] if args.reward_judge else [])])
    extra = [open_judge(name, setup) for name in names]
    result = run_experiment(experiment, queries, store=ws.store, search=ws.search.frozen(),
                            model=model, prompts=prompts, base=base,
                            concurrency=concurrency, extra_judges=extra,
                            on_progress=experiment_bar())
    written = write_report(result, out, png=not args.no_png)
    failed = sum(a.failed for a in result.summary.arms)
    print(f"summary: {out / 'summary.json'} ({len(written) - 1} plot files)")
    if failed:
        print(f"genserp: {failed} run(s) failed and are left out; run the same command "
              "again to retry them", file=sys.stderr)
    return 0 if result.summary.complete else EXIT_FAILED


def _reward(ws: Workspace, args: argparse.Namespace) -> int:
    out = args.out or default_model_dir(ws.settings.data_dir)
    if args.action == "train":
        print(f"training on simulated clicks ({args.sessions} sessions per page, seed "
              f"{args.seed}) …", flush=True)
        model, summary = train(ws.store.path, queries=resolve(args.queries), search=ws.search,
                               sessions_per_page=args.sessions, seed=args.seed, out_dir=out)
        print(f"model {model.version} (λ={model.lam:g}): {out / 'model.json'}")
        print(f"preference pairs (TRL format): {out / 'pairs.jsonl'}")
    else:
        summary = evaluate(args.reward_model or out, search=ws.search, out_dir=out)
    for family, acc in summary["pair_accuracy"].items():
        print(f"  {family:<11} held-out pair accuracy: page {acc['page']:.3f} · item "
              f"{acc['item']:.3f} · joint {acc['joint']:.3f} (n={acc['n']})")
    print(summary["verdict"])
    print(f"summary: {out / 'summary.json'}")
    return 0


def _via(source: SearchSource | None) -> str:
    """" via SearXNG (cached)", or nothing for the corpus (the default)."""
    if source is None or (source.provider == CORPUS and not source.wanted):
        return ""
    cached = " (cached)" if source.cached else ""
    return f" via {provider_label(source.provider)}{cached}"


def _trace(ws: Workspace, args: argparse.Namespace) -> int:
    run = ws.store.get(args.run_id)
    traces = ws.store.traces.of(args.run_id)  # a run's, or a judge verdict's (judge:...)
    if run is None and not traces:
        raise ValueError(f"there is no run {args.run_id!r} in {ws.settings.data_dir}")
    prices = PriceTable(ws.store.db).all()
    if args.call is not None:
        found = [t for t in traces if t.index == args.call]
        if not found:
            raise ValueError(f"{args.run_id} has no call {args.call} (it has {len(traces)})")
        traces = found
    if args.otlp is not None:
        if run is None:
            raise ValueError("--otlp exports a run's trace; this is a judge verdict's")
        events = [e for _, e in ws.store.events(run.id)]
        otlp.write(args.otlp, otlp.export(run, traces, events, prices))
        print(f"{len(traces)} calls as OpenTelemetry spans: {args.otlp}")
    elif args.json:
        for text in trace_read.jsonl(traces):
            print(text)
    elif args.call is not None:
        print(trace_read.describe(traces[0], prices))
    else:
        print(f"run {run.id} · “{run.query}” · {run.status} · {len(traces)} calls" if run
              else f"{args.run_id} · {len(traces)} calls")
        for t in traces:
            print(trace_read.line(t, prices))
        if run is not None:
            print(f"{run.usage.describe()} · "
                  f"{cost.describe(run.usage, run.config.model, prices)}")
    return 0


class _Printer:
    """Events as terminal lines; streamed reasoning continues on the line it started."""

    def __init__(self, out: TextIO, quiet: bool) -> None:
        self.out, self.quiet = out, quiet
        self.stream_key: tuple | None = None

    def _end_stream(self) -> None:
        if self.stream_key is not None:
            self.out.write("\n")
            self.stream_key = None

    def _line(self, text: str) -> None:
        self._end_stream()
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, e: Event) -> None:
        if isinstance(e, ErrorEvent) and not e.fatal:  # a fatal one ends the run: said once
            self._line(f"  ! {e.message}")
        if self.quiet:
            return
        tag = f"[c{e.candidate}] " if getattr(e, "candidate", None) is not None else ""
        if isinstance(e, Reasoning):
            key = (e.stage, e.candidate)
            if e.delta and key == self.stream_key:
                self.out.write(e.text)
            else:
                self._end_stream()
                self.out.write(f"  {tag}» {e.text.lstrip()}")
                if e.delta:
                    self.stream_key = key
                else:
                    self.out.write("\n")
            self.out.flush()
        elif isinstance(e, StageStart) and e.candidate is None:
            self._line(f"\n== {e.stage} ==")
        elif isinstance(e, StageEnd) and e.candidate is None:
            self._line(f"   ({e.stage} took {e.seconds:.1f} s)")
        elif isinstance(e, ToolCall):
            self._line(f"  → {e.tool}")
        elif isinstance(e, ToolResult):
            shown = "; ".join(t[:50] for t in e.titles[:3])
            via = _via(e.source)
            self._line(f"    {len(e.item_ids)} found{via}{': ' + shown if shown else ''}")
        elif isinstance(e, LayoutProposed):
            self._line(f"  {tag}layout, step {e.step}, confidence {e.confidence}/10"
                       f"{f', {len(e.repairs)} repairs' if e.repairs else ''}")
            self._line("\n".join("      " + line for line in grid.ascii_map(e.layout)
                                 .splitlines()))
        elif isinstance(e, CandidatePopulated):
            m = e.candidate.metrics
            self._line(f"  [c{e.candidate.index}] populated: whitespace {m.whitespace:.0%}, "
                       f"holes {m.holes:.0%}, priority τ {m.priority_tau:+.2f}")
        elif isinstance(e, PolishStep):
            self._line(f"  {tag}polish {e.step}: {e.action} — {e.detail}")
        elif isinstance(e, Scored):
            self._line(f"  {tag}score {e.score:g}/10")

    def summary(self, run, out: Path, result: Path, prices: cost.Prices) -> None:
        self._line("")
        for c in run.candidates:
            mark = "★" if c.index == run.best else " "
            self._line(f" {mark} candidate {c.index}: score {c.score:g}, whitespace "
                       f"{c.metrics.whitespace:.0%}, {len(c.repairs)} repairs  {c.html}")
        t, u = run.timings, run.usage
        self._line(f"best: {out / 'best.html'}   result: {result}")
        if run.outside_the_corpus:
            self._line("nothing in the bundled demo corpus (200 topics) is about this query: "
                       "GENSERP_SEARCH=ddgs or searxng searches the web (README, Real search)")
        self._line(f"time {t.get('total', 0):.1f} s (" + ", ".join(
            f"{k} {v:.1f}" for k, v in t.items() if k != "total") + f"); {u.describe()}, "
                   f"{cost.describe(u, run.config.model, prices)}")
