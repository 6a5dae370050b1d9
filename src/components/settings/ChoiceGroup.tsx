"use client";
import { useId } from "react";

export interface Choice {
  value: string;
  label: string;
  /** The label's own language (e.g. "Deutsch" on an English page), for screen readers. */
  lang?: string;
}

/** A labelled group of radio buttons: arrow keys move between them, as screen readers expect. */
export function ChoiceGroup({ name, legend, hint, value, options, onChange }: { name: string; legend: string; hint?: string; value: string; options: Choice[]; onChange: (value: string) => void }) {
  const hintId = useId();
  return (
    <fieldset className="settings-section choice-group" aria-describedby={hint ? hintId : undefined} data-testid={`setting-${name}`}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="muted small">
          {hint}
        </p>
      )}
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          <span lang={option.lang}>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
