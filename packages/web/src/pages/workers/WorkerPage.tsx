import { AccountBookOutlined, EditOutlined, LogoutOutlined, SwapOutlined, UserSwitchOutlined } from '@ant-design/icons';
import {
  EDUCATION_LABELS,
  EMPLOYMENT_BASIS_LABELS,
  EXIT_REASON_LABELS,
  INSURANCE_LABELS,
  SPECIAL_POST_LABELS,
} from '@gongyi/domain';
import { Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { getWorker } from '../../api/workers';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { FlagList, OrDash, PayScheme, StatusTag } from '../../features/workers/display';
import { RevealValue } from '../../features/workers/RevealValue';
import { ageOn } from '../../features/workers/workerLogic';
import { useApi } from '../../hooks/useApi';
import { useI18n, vocab } from '../../i18n';
import { todayIso } from '../../lib/dates';
import { ExitModal } from '../../features/staffing/ExitModal';
import { TransferModal } from '../../features/staffing/TransferModal';
import { WorkerAgreements } from '../../features/staffing/WorkerAgreements';
import { onPost } from '../../features/staffing/WorkerPicker';
import { useCan, useTown } from '../../session/SessionContext';
import { PersonEditModal } from './PersonEditModal';
import { PostChangeModal } from './PostChangeModal';
import { PostTimeline } from './PostTimeline';

type Dialog = 'person' | 'post' | 'transfer' | 'exit' | undefined;

const LABEL_STYLE = { label: { width: 112, whiteSpace: 'nowrap' as const } };

/** 人员详情: the person (numbers masked, 查看 to reveal), flags, the post in force and its history. */
export function WorkerPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const load = useCallback((signal: AbortSignal) => getWorker(town.id, id, signal), [town.id, id]);
  const { data, error, loading, reload } = useApi(load);
  const [dialog, setDialog] = useState<Dialog>();
  const manage = can('worker.manage');

  const worker = data;
  // The page stays on screen while it loads the saved version.
  const afterSave = () => reload();

  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={t('workers.notFound')}
        subTitle={t('workers.notFoundHint')}
        extra={
          <Link to="/workers">
            <Button type="primary">{t('workers.backToRoster')}</Button>
          </Link>
        }
      />
    );
  }
  if (!worker || worker.person.id !== id) {
    return (
      <>
        <LoadError error={error} onRetry={reload} />
        {loading && <Skeleton active />}
      </>
    );
  }

  const { person: p, post } = worker;
  const onThePost = post !== null && post.status !== 'exited';
  const canChange = manage && onThePost;
  const current = onPost({ personId: p.id, name: p.name, post });
  const sex = t(p.sex === 'male' ? 'workers.male' : 'workers.female');

  return (
    <>
      <PageHeader
        title={p.name}
        subTitle={
          post && (
            <Flex gap={8} align="center">
              <StatusTag status={post.status} from={post.validFrom} />
              <span>{post.teamName}</span>
            </Flex>
          )
        }
        extra={
          <>
            {manage && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setDialog('person')}>
                  {t('workers.editPerson.action')}
                </Button>
                <Button icon={<SwapOutlined />} disabled={!canChange} onClick={() => setDialog('post')}>
                  {t('workers.change.action')}
                </Button>
              </>
            )}
            {can('ledger.read') && (
              <Link to={`/funds/trace?personId=${encodeURIComponent(p.id)}`} data-testid="worker-trace">
                <Button icon={<AccountBookOutlined />}>{t('nav.fundsTrace')}</Button>
              </Link>
            )}
            {can('hiring.request') && (
              <Button icon={<UserSwitchOutlined />} disabled={!onThePost} onClick={() => setDialog('transfer')} data-testid="worker-transfer">
                {t('hiring.transfer')}
              </Button>
            )}
            {can('worker.exit') && (
              <Button danger icon={<LogoutOutlined />} disabled={!onThePost} onClick={() => setDialog('exit')} data-testid="worker-exit">
                {t('exits.create')}
              </Button>
            )}
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('workers.section.person')} size="small" data-testid="person-card">
              <Descriptions
                size="small"
                column={2}
                bordered
                styles={LABEL_STYLE}
                items={[
                  { key: 'name', label: t('workers.field.name'), children: p.name },
                  { key: 'sex', label: t('workers.col.sex'), children: sex },
                  {
                    key: 'id',
                    label: t('workers.field.idNumber'),
                    span: 2,
                    children: <RevealValue workerId={p.id} field="idNumber" masked={p.idNumberMasked} />,
                  },
                  {
                    key: 'birth',
                    label: t('workers.field.birthDate'),
                    children: t('workers.birthWithAge', { date: p.birthDate, age: ageOn(p.birthDate, todayIso()) }),
                  },
                  {
                    key: 'education',
                    label: t('workers.field.education'),
                    children: <OrDash value={p.education && vocab(EDUCATION_LABELS, p.education, lang)} />,
                  },
                  {
                    key: 'phone',
                    label: t('workers.field.phone'),
                    span: 2,
                    children: <RevealValue workerId={p.id} field="phone" masked={p.phoneMasked} />,
                  },
                  { key: 'household', label: t('workers.field.household'), span: 2, children: <OrDash value={p.householdRegistration} /> },
                  { key: 'address', label: t('workers.field.address'), span: 2, children: <OrDash value={p.address} /> },
                  { key: 'bankName', label: t('workers.field.bankName'), span: 2, children: <OrDash value={p.bankName} /> },
                  {
                    key: 'bankAccount',
                    label: t('workers.field.bankAccount'),
                    span: 2,
                    children: <RevealValue workerId={p.id} field="bankAccount" masked={p.bankAccountMasked} />,
                  },
                  { key: 'disability', label: t('workers.field.disability'), span: 2, children: <OrDash value={p.disabilityCertificate} /> },
                  { key: 'emergencyName', label: t('workers.field.emergencyName'), children: <OrDash value={p.emergencyContactName} /> },
                  {
                    key: 'emergencyPhone',
                    label: t('workers.field.emergencyPhone'),
                    children: <RevealValue workerId={p.id} field="emergencyContactPhone" masked={p.emergencyContactPhoneMasked} />,
                  },
                ]}
              />
            </Card>
            {worker.flags.length > 0 && (
              <Card title={t('workers.section.flags')} size="small">
                <FlagList flags={worker.flags} />
              </Card>
            )}
            <Card title={t('workers.section.post')} size="small" data-testid="post-card">
              {post ? (
                <Descriptions
                  size="small"
                  column={2}
                  bordered
                  styles={LABEL_STYLE}
                  items={[
                    { key: 'team', label: t('workers.field.team'), children: post.teamName },
                    { key: 'category', label: t('workers.col.category'), children: post.categoryName },
                    { key: 'coop', label: t('workers.field.coop'), span: 2, children: post.coopName },
                    { key: 'unit', label: t('workers.field.unit'), span: 2, children: post.managingDepartmentName },
                    { key: 'duty', label: t('workers.field.duty'), children: <OrDash value={post.duty} /> },
                    { key: 'community', label: t('workers.field.community'), children: <OrDash value={post.communityName} /> },
                    {
                      key: 'special',
                      label: t('workers.field.specialPost'),
                      children: <OrDash value={post.specialPost && vocab(SPECIAL_POST_LABELS, post.specialPost, lang)} />,
                    },
                    { key: 'field', label: t('workers.field.fieldWork'), children: t(post.fieldOrHazardous ? 'common.yes' : 'common.no') },
                    { key: 'offRoster', label: t('workers.field.offRoster'), children: t(post.offRoster ? 'common.yes' : 'common.no') },
                    { key: 'basis', label: t('workers.field.basis'), children: vocab(EMPLOYMENT_BASIS_LABELS, post.employmentBasis, lang) },
                    { key: 'pay', label: t('workers.field.payScheme'), span: 2, children: <PayScheme post={post} /> },
                    { key: 'insurance', label: t('workers.field.insurance'), span: 2, children: vocab(INSURANCE_LABELS, post.insurance, lang) },
                    { key: 'start', label: t('workers.field.startDate'), children: post.startDate },
                    {
                      key: 'status',
                      label: t('workers.field.status'),
                      children: (
                        <Flex gap={8} align="center">
                          <StatusTag status={post.status} from={post.validFrom} />
                          {post.exitReason && <span>{vocab(EXIT_REASON_LABELS, post.exitReason, lang)}</span>}
                        </Flex>
                      ),
                    },
                  ]}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workers.noPost')} />
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={t('workers.section.history')}
            size="small"
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('workers.historyHint')}
              </Typography.Text>
            }
          >
            <PostTimeline history={worker.history} />
          </Card>
          {can('agreement.read') && (
            <Card title={t('agreements.ofWorker')} size="small" style={{ marginTop: 16 }}>
              <WorkerAgreements personId={p.id} />
            </Card>
          )}
        </Col>
      </Row>

      {manage && (
        <>
          <PersonEditModal worker={worker} open={dialog === 'person'} onClose={() => setDialog(undefined)} onSaved={afterSave} />
          <PostChangeModal
            worker={worker}
            open={dialog === 'post'}
            onClose={() => setDialog(undefined)}
            onSaved={afterSave}
          />
        </>
      )}
      {current && dialog === 'exit' && <ExitModal open worker={current} onClose={() => setDialog(undefined)} onSaved={afterSave} />}
      {current && dialog === 'transfer' && <TransferModal open worker={current} onClose={() => setDialog(undefined)} onSaved={afterSave} />}
    </>
  );
}
