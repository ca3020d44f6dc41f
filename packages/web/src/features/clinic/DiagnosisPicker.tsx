// Diagnoses coded in ICD-10-CM: the doctor types a code or words, picks from the matches ("J06.9 —
// Acute upper respiratory infection, unspecified") with the mouse or the arrow keys and Enter, and
// each choice becomes a chip that can be removed. The search waits for a pause in typing.
import { Combobox, Group, Loader, Pill, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useIcd10Search, type Diagnosis } from './api.ts';

interface DiagnosisPickerProps {
  value: Diagnosis[];
  onChange: (value: Diagnosis[]) => void;
}

export function DiagnosisPicker({ value, onChange }: DiagnosisPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const results = useIcd10Search(debounced);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const chosen = new Set(value.map((d) => d.code));
  const options = (results.data ?? []).filter((d) => !chosen.has(d.code));
  const searching = debounced.trim().length >= 2;

  useEffect(() => {
    // A fresh list of matches: Enter picks the first one.
    if (results.data) combobox.selectFirstOption();
  }, [results.data]);

  function choose(code: string) {
    const diagnosis = options.find((d) => d.code === code);
    if (diagnosis) onChange([...value, diagnosis]);
    setSearch('');
    combobox.closeDropdown();
  }

  return (
    <Stack gap="xs">
      <Combobox store={combobox} onOptionSubmit={choose} withinPortal={false}>
        <Combobox.Target withExpandedAttribute>
          <TextInput
            label="Diagnoses (ICD-10-CM)"
            description="Type a code or a few words, then choose from the list. Add as many as apply."
            placeholder="e.g. J06.9 or sore throat"
            value={search}
            autoComplete="off"
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              combobox.openDropdown();
            }}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            rightSection={results.isFetching ? <Loader size="xs" aria-label="Searching" /> : null}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!searching}>
          <Combobox.Options aria-label="Matching diagnoses" mah={280} style={{ overflowY: 'auto' }}>
            {results.isError ? (
              <Combobox.Empty>{results.error.message}</Combobox.Empty>
            ) : options.length === 0 ? (
              <Combobox.Empty>{results.isFetching ? 'Searching…' : 'No diagnoses match.'}</Combobox.Empty>
            ) : (
              options.map((d) => (
                <Combobox.Option value={d.code} key={d.code}>
                  <Text size="sm">
                    <Text span fw={600} ff="monospace">
                      {d.code}
                    </Text>{' '}
                    — {d.display}
                  </Text>
                </Combobox.Option>
              ))
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {value.length > 0 ? (
        <Group gap="xs" component="ul" className="app-plain-list" aria-label="Chosen diagnoses">
          {value.map((d) => (
            <li key={d.code}>
              <Pill
                size="lg"
                withRemoveButton
                onRemove={() => onChange(value.filter((other) => other.code !== d.code))}
                removeButtonProps={{ tabIndex: 0, 'aria-hidden': false, 'aria-label': `Remove ${d.code} ${d.display}` }}
                style={{ maxWidth: '100%' }}
              >
                {d.code} — {d.display}
              </Pill>
            </li>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}
