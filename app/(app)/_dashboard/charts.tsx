'use client';

// A client module only so that the dashboard's RSC payload carries the charts' few numbers and labels as data rather
// than their element trees beside the HTML; the HTML is rendered on the server as before, and nothing here has state.
import type { ReactNode } from 'react';
import type { Bucket, FollowUpProgress } from '@/lib/dashboard/queries';
import { monthsSummary } from '@/lib/dashboard/summary';

function ChartCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id={id} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Horizontal bars drawn in CSS inside a real table, so the numbers are the text alternative. */
export function SectorBars({ data }: { data: Bucket[] }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  return (
    <ChartCard id="chart-sectors" title="Your people, by sector">
      {data.length === 0 ? (
        <p className="text-sm text-zinc-500">No people yet.</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Number of people by sector</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Sector</th>
              <th scope="col">People</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row" className="w-2/5 max-w-0 truncate py-1 pr-2 text-left font-normal text-zinc-700 dark:text-zinc-300" title={d.label}>
                  {d.label}
                </th>
                <td className="py-1">
                  <div className="flex items-center gap-2">
                    <div aria-hidden className="h-3 rounded-sm bg-accent-500" style={{ width: `${Math.max(2, (d.value / max) * 85)}%` }} />
                    <span className="tabular-nums">{d.value}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartCard>
  );
}

/** Twelve columns in inline SVG, with a summary for screen readers and the numbers in a table on request. */
export function MonthlyColumns({ data }: { data: (Bucket & { month: string })[] }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const w = 24;
  const gap = 6;
  const h = 90;
  const summary = monthsSummary(data);
  return (
    <ChartCard id="chart-months" title="Events per month">
      <figure>
        {/* Drawn in viewBox units, about 0.9 px each on a phone: its words are 12 units so they read at 11 px, not 7, and
            the top leaves room for the count over the tallest column. */}
        <svg viewBox={`0 -14 ${data.length * (w + gap)} ${h + 34}`} className="h-auto w-full" role="img" aria-label={summary}>
          {data.map((d, i) => {
            const bar = d.value === 0 ? 1.5 : Math.max(3, (d.value / max) * h);
            return (
              <g key={d.month}>
                <rect
                  x={i * (w + gap)}
                  y={h - bar}
                  width={w}
                  height={bar}
                  rx={3}
                  className={d.value ? 'fill-accent-500' : 'fill-zinc-200 dark:fill-zinc-700'}
                />
                {d.value ? (
                  <text x={i * (w + gap) + w / 2} y={h - bar - 3} textAnchor="middle" className="fill-zinc-600 text-[12px] dark:fill-zinc-300">
                    {d.value}
                  </text>
                ) : null}
                <text x={i * (w + gap) + w / 2} y={h + 16} textAnchor="middle" className="fill-zinc-600 text-[12px] dark:fill-zinc-400">
                  {d.label.split(' ')[0]}
                </text>
              </g>
            );
          })}
        </svg>
        <figcaption className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{summary}</figcaption>
      </figure>
      <details className="mt-2 text-sm">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-accent-700 dark:text-accent-200">Show as a table</summary>
        <table className="mt-1 w-full max-w-xs">
          <thead>
            <tr className="text-left text-zinc-500">
              <th scope="col" className="font-medium">
                Month
              </th>
              <th scope="col" className="text-right font-medium">
                Events
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {data.map((d) => (
              <tr key={d.month}>
                <td>{d.label}</td>
                <td className="text-right">{d.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </ChartCard>
  );
}

/** One stacked bar: done, open on time, overdue; the legend carries the numbers. */
export function FollowUpProgressBar({ data }: { data: FollowUpProgress }) {
  const parts = [
    { label: 'Done', value: data.done, className: 'bg-emerald-600' },
    { label: 'Open', value: data.openOnTime, className: 'bg-zinc-400 dark:bg-zinc-500' },
    { label: 'Overdue', value: data.openOverdue, className: 'bg-red-600' },
  ];
  const total = parts.reduce((s, p) => s + p.value, 0);
  return (
    <ChartCard id="chart-follow-ups" title="Follow-ups completed vs open">
      {total === 0 ? (
        <p className="text-sm text-zinc-500">No follow-ups yet.</p>
      ) : (
        <>
          <div aria-hidden className="flex h-4 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
            {parts.map((p) => (p.value ? <div key={p.label} className={p.className} style={{ width: `${(p.value / total) * 100}%` }} /> : null))}
          </div>
          <ul className="mt-3 grid grid-cols-3 gap-2 text-sm">
            {parts.map((p) => (
              <li key={p.label}>
                <span className="flex items-center gap-1.5 text-zinc-600 dark:text-zinc-400">
                  <span aria-hidden className={`size-2.5 rounded-full ${p.className}`} />
                  {p.label}
                </span>
                <span className="text-lg font-semibold tabular-nums">{p.value}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            {data.done
              ? `${Math.round((data.done / total) * 100)}% kept; ${data.doneLast30} done in the last 30 days.`
              : data.openOnTime + data.openOverdue
                ? 'None done yet: tick one off from the list above.'
                : 'None done yet.'}
          </p>
        </>
      )}
    </ChartCard>
  );
}
