// Realistic small FHIR R4 Observations (vital signs and common labs, LOINC codes, UCUM units),
// generated from a seeded PRNG so every run writes the same kind of content.

type Kind = {
  loinc: string;
  display: string;
  category: 'vital-signs' | 'laboratory';
  unit: string;
  ucum: string;
  mean: number;
  spread: number;
  decimals: number;
};

const kinds: Kind[] = [
  {
    loinc: '8867-4',
    display: 'Heart rate',
    category: 'vital-signs',
    unit: 'beats/minute',
    ucum: '/min',
    mean: 74,
    spread: 12,
    decimals: 0,
  },
  {
    loinc: '8480-6',
    display: 'Systolic blood pressure',
    category: 'vital-signs',
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    mean: 122,
    spread: 15,
    decimals: 0,
  },
  {
    loinc: '8462-4',
    display: 'Diastolic blood pressure',
    category: 'vital-signs',
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    mean: 78,
    spread: 9,
    decimals: 0,
  },
  {
    loinc: '8310-5',
    display: 'Body temperature',
    category: 'vital-signs',
    unit: 'Cel',
    ucum: 'Cel',
    mean: 36.8,
    spread: 0.4,
    decimals: 1,
  },
  {
    loinc: '9279-1',
    display: 'Respiratory rate',
    category: 'vital-signs',
    unit: 'breaths/minute',
    ucum: '/min',
    mean: 16,
    spread: 2,
    decimals: 0,
  },
  {
    loinc: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    category: 'vital-signs',
    unit: '%',
    ucum: '%',
    mean: 97,
    spread: 1.5,
    decimals: 0,
  },
  {
    loinc: '29463-7',
    display: 'Body weight',
    category: 'vital-signs',
    unit: 'kg',
    ucum: 'kg',
    mean: 74,
    spread: 14,
    decimals: 1,
  },
  {
    loinc: '2339-0',
    display: 'Glucose [Mass/volume] in Blood',
    category: 'laboratory',
    unit: 'mg/dL',
    ucum: 'mg/dL',
    mean: 98,
    spread: 18,
    decimals: 0,
  },
  {
    loinc: '4548-4',
    display: 'Hemoglobin A1c/Hemoglobin.total in Blood',
    category: 'laboratory',
    unit: '%',
    ucum: '%',
    mean: 5.7,
    spread: 0.7,
    decimals: 1,
  },
  {
    loinc: '2093-3',
    display: 'Cholesterol [Mass/volume] in Serum or Plasma',
    category: 'laboratory',
    unit: 'mg/dL',
    ucum: 'mg/dL',
    mean: 190,
    spread: 30,
    decimals: 0,
  },
];

/** mulberry32: a tiny deterministic PRNG, good enough for synthetic content. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** One Observation for `patientId`, taken at some time in the year before `now`. */
export function makeObservation(random: () => number, patientId: string, now: number) {
  const kind = kinds[Math.floor(random() * kinds.length)]!;
  // Sum of three uniforms: roughly bell-shaped around the mean.
  const noise = (random() + random() + random() - 1.5) / 1.5;
  const value = Number((kind.mean + noise * kind.spread * 2).toFixed(kind.decimals));
  const effective = new Date(now - Math.floor(random() * YEAR_MS));
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: kind.category,
            display: kind.category === 'vital-signs' ? 'Vital Signs' : 'Laboratory',
          },
        ],
      },
    ],
    code: {
      coding: [{ system: 'http://loinc.org', code: kind.loinc, display: kind.display }],
      text: kind.display,
    },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: effective.toISOString(),
    valueQuantity: { value, unit: kind.unit, system: 'http://unitsofmeasure.org', code: kind.ucum },
  };
}
