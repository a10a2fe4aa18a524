// Reminders before meetings, what to bring, and the word afterwards (zh-CN).
export const zhReminders = {
  reminders: {
    form: {
      title: '活动提醒和准备事项',
      explain:
        '报名成功的人会在每条规则的时间收到一封提醒邮件：写明参加者、时间、地点、需要准备的东西、联系电话，以及请假或取消的链接。“提前几天、在几点”适合晚上提醒（例如提前 1 天 18:00）；“提前几小时”按活动开始时间倒推。“每一次”适合每周一次的课程，“第一次和每个周一”适合整期托管班。日历邀请也会带上第一条规则的提醒。',
      explainLate:
        '每人每次活动每条规则只发一封。已取消、候补中、未确认名额或已请假的那天不发；活动改期后按新时间提醒。如果系统在提醒时间停机，恢复后只要离活动开始还有 30 分钟以上就补发，否则不再发送。',
      defaults: '目前使用这类活动的默认提醒。保存后改用下面的设置；三条都选“不提醒”即关闭提醒。',
      rule: '提醒 {{n}}',
      type: '何时提醒',
      meetings: '哪几次活动',
      days: '提前几天',
      at: '几点（北京时间）',
      hours: '提前几小时',
      prepareZh: '需要准备的东西 / 注意事项（中文）',
      prepareEn: '需要准备的东西 / 注意事项（英文，可留空，留空时显示中文）',
      prepareHint: '例如：空腹、带身份证；水杯、遮阳帽。显示在活动页面和每一封提醒里。',
      save: '保存提醒设置',
    },
    type: { off: '不提醒', days: '提前几天，在固定时间', hours: '提前几小时' },
    meetings: { first: '只提醒第一次', every: '每一次', 'first-and-mondays': '第一次和每个周一' },
    feedback: {
      title: '参加者反馈',
      summary: '已邀请 {{asked}} 人评价，{{answered}} 人回复，平均 {{average}} 分（满分 5 分）',
    },
  },
  feedback: {
    question: '您对这次活动满意吗？',
    rating: { '1': '很不满意', '2': '不太满意', '3': '一般', '4': '满意', '5': '非常满意' },
    comment: '想对组织者说的话（可不填）',
    commentHint: '最多 1000 字。组织者能看到留言，但看不到您的姓名。',
    send: '提交评价',
    thanks: '谢谢您的评价！',
    alreadyAnswered: '这次活动已经评价过了，谢谢！',
    linkInvalid: '评价链接无效。',
    ratingRequired: '请选择 1 到 5 颗星。',
    commentTooLong: '留言最多 1000 字。',
  },
}
