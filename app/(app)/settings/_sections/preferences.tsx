import { Card } from '@/app/_components/ui/card';
import type { CurrentUser } from '@/lib/auth/users';
import { TimeZoneForm } from '../preferences/time-zone-form';
import { timeZoneChoices } from '@/lib/dates';

/** Preferences: the time zone that follow-ups go by. */
export async function PreferencesSection({ user }: { user: CurrentUser }) {
  const zones = timeZoneChoices();
  if (!zones.includes(user.timeZone)) zones.unshift(user.timeZone);
  return (
    <Card>
      <h2 id="preferences" className="mb-3 text-base font-semibold">
        Preferences
      </h2>
      <TimeZoneForm current={user.timeZone} zones={zones} />
    </Card>
  );
}
