import { Card } from '@/app/_components/ui/card';
import type { CurrentUser } from '@/lib/auth/users';
import { ChangeEmailForm, ChangePasswordForm, DeleteAccountForm } from '../account/account-forms';

/** The account's own life cycle: password, email, deletion. */
export function AccountSection({ user }: { user: CurrentUser }) {
  return (
    <Card>
      <h2 id="account" className="mb-3 text-base font-semibold">
        Password, email and deleting the account
      </h2>
      <div className="grid gap-6 md:grid-cols-2">
        <ChangePasswordForm />
        <ChangeEmailForm email={user.email} />
      </div>
      <div className="mt-6">
        <DeleteAccountForm email={user.email} />
      </div>
    </Card>
  );
}
