import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { signal } from '@angular/core';
import { DataSaver } from '../data-access/data-saver';
import { DataSaverToggleComponent } from './data-saver-toggle.component';

const FR = {
  learning: {
    dataSaver: {
      label: 'Économiseur de données',
      on: 'Activé',
      off: 'Désactivé',
      hint: 'Les images des leçons ne se chargent qu’à votre demande.',
      hintOff:
        'Les images des leçons se chargent d’elles-mêmes. Activez-le pour ne les charger qu’à votre demande.',
    },
  },
};

describe('DataSaverToggleComponent', () => {
  function render() {
    const on = signal(false);
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { fr: FR },
          translocoConfig: { defaultLang: 'fr', availableLangs: ['fr'] },
          preloadLangs: true,
        }),
      ],
      providers: [{ provide: DataSaver, useValue: { on, toggle: () => on.update((v) => !v) } }],
    });
    const fixture = TestBed.createComponent(DataSaverToggleComponent);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const hint = () => el.querySelector('#tc-data-saver-hint')?.textContent?.trim();
    const state = () => el.querySelector('.tc-state')?.textContent?.trim();
    return { fixture, el, hint, state };
  }

  it('says what happens to images in each state, not the switched-on behaviour while off', () => {
    const { fixture, el, hint, state } = render();
    expect([state(), hint()]).toEqual([
      'Désactivé',
      'Les images des leçons se chargent d’elles-mêmes. Activez-le pour ne les charger qu’à votre demande.',
    ]);
    el.querySelector('button')?.click();
    fixture.detectChanges();
    expect(el.querySelector('button')?.getAttribute('aria-checked')).toBe('true');
    expect([state(), hint()]).toEqual(['Activé', 'Les images des leçons ne se chargent qu’à votre demande.']);
  });

  it('never breaks the state word inside ("Désactivé" on a phone)', () => {
    // jsdom lays nothing out (and the spec build drops component styles): the rules are read instead.
    const source = readFileSync(join(__dirname, 'data-saver-toggle.component.ts'), 'utf8').replace(
      /\s+/g,
      ' ',
    );
    expect(source).toMatch(/\.tc-state \{[^}]*white-space: nowrap/);
    expect(source).toMatch(/\.tc-data-saver \{[^}]*overflow-wrap: normal/);
  });
});
